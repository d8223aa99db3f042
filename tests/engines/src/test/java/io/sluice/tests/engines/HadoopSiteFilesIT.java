package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import io.sluice.testing.SluiceTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice run} on an edge node: the site files of HADOOP_CONF_DIR (else
 * HADOOP_HOME/etc/hadoop) and YARN_CONF_DIR name a real MiniDFSCluster as fs.defaultFS, so bare
 * paths are on HDFS as for {@code hadoop fs}; {@code -D} goes on top; without site files bare paths
 * stay local. Each run is the CLI in a JVM of its own, with only the variables given.
 */
@SluiceTest
class HadoopSiteFilesIT extends OnMiniDfs {

  private static final List<String> LINES = WordCountReference.sampleLines(300);
  private static final String EXPECTED = WordCountReference.expectedOutput(LINES);
  private static String user;

  @TempDir Path dir;

  @BeforeAll
  static void writeInputs() throws Exception {
    user = UserGroupInformation.getCurrentUser().getShortUserName();
    WordCountReference.write(fs, new org.apache.hadoop.fs.Path(home("in.txt")), LINES);
    WordCountReference.write(fs, new org.apache.hadoop.fs.Path("/data/in.txt"), LINES);
  }

  @Test
  void hadoopConfDirPutsBarePathsUnderTheUsersHdfsHome() throws Exception {
    Path conf = siteDir("conf", Map.of("fs.defaultFS", hdfs));
    write(conf.resolve("hdfs-site.xml"), Map.of("dfs.replication", "1"));
    for (String engine : List.of("mapreduce", "spark")) {
      wordCount(Map.of("HADOOP_CONF_DIR", conf.toString()), engine, "in.txt", "out-" + engine);
      assertEquals(EXPECTED, hdfsText(home("out-" + engine)), engine);
      assertFalse(Files.exists(dir.resolve("out-" + engine)), "wrote the working directory");
    }
  }

  @Test
  void hadoopHomesEtcHadoopWhenHadoopConfDirIsUnset() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("hadoop-home/etc/hadoop"));
    write(etc.resolve("core-site.xml"), Map.of("fs.defaultFS", hdfs));
    wordCount(
        Map.of("HADOOP_HOME", dir.resolve("hadoop-home").toString()),
        "mapreduce",
        "/data/in.txt",
        "/data/out-home");
    assertEquals(EXPECTED, hdfsText("/data/out-home"));
  }

  @Test
  void yarnConfDirsCoreSiteCountsToo() throws Exception {
    Path yarn = siteDir("yarn", Map.of("fs.defaultFS", hdfs));
    write(yarn.resolve("yarn-site.xml"), Map.of("yarn.resourcemanager.address", "127.0.0.1:1"));
    wordCount(Map.of("YARN_CONF_DIR", yarn.toString()), "mapreduce", "in.txt", "out-yarn");
    assertEquals(EXPECTED, hdfsText(home("out-yarn")));
  }

  @Test
  void dashDOverridesTheSiteFile() throws Exception {
    Path conf = siteDir("conf", Map.of("fs.defaultFS", "hdfs://127.0.0.1:" + freePort()));
    wordCount(
        Map.of("HADOOP_CONF_DIR", conf.toString()),
        "mapreduce",
        "in.txt",
        "out-defined",
        "-D",
        "fs.defaultFS=" + hdfs,
        "-Ddfs.replication=1");
    assertEquals(EXPECTED, hdfsText(home("out-defined")));
  }

  @Test
  void withoutSiteFilesBarePathsStayLocal() throws Exception {
    Files.writeString(dir.resolve("in.txt"), String.join("\n", LINES) + "\n");
    wordCount(Map.of(), "mapreduce", "in.txt", "out");
    assertEquals(
        EXPECTED, Files.readString(dir.resolve("out/part-r-00000"), StandardCharsets.UTF_8));
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(home("out"))));
  }

  /** {@code sluice run wordcount} in the test's folder; it must succeed. */
  private void wordCount(
      Map<String, String> env, String engine, String input, String output, String... extra)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "wordcount",
                "--engine",
                engine,
                "--master",
                "local[2]",
                "--input",
                input,
                "--output",
                output));
    args.addAll(List.of(extra));
    SluiceProcess.Result run = sluice(env, args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.all());
  }

  private static String home(String relative) {
    return "/user/" + user + "/" + relative;
  }

  private static String hdfsText(String path) throws IOException {
    byte[] bytes = WordCountReference.partFiles(fs, new org.apache.hadoop.fs.Path(path));
    assertTrue(bytes.length > 0, "no part files in " + path);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private Path siteDir(String name, Map<String, String> coreSite) throws IOException {
    Path conf = Files.createDirectories(dir.resolve(name));
    write(conf.resolve("core-site.xml"), coreSite);
    return conf;
  }

  /** A *-site.xml as Hadoop writes one. */
  private static void write(Path file, Map<String, String> settings) throws IOException {
    Configuration site = new Configuration(false);
    settings.forEach(site::set);
    try (OutputStream out = Files.newOutputStream(file)) {
      site.writeXml(out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * {@code sluice ARGS} in a JVM of its own in the test's folder, the Hadoop variables only as
   * given and the user fixed, so that bare paths land under a known HDFS home.
   */
  private SluiceProcess.Result sluice(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Map<String, String> changes = new HashMap<>(env);
    for (String variable : List.of("HADOOP_CONF_DIR", "HADOOP_HOME", "YARN_CONF_DIR")) {
      changes.putIfAbsent(variable, null);
    }
    changes.put("HADOOP_USER_NAME", user);
    return SluiceProcess.cli(args).workDir(dir).env(changes).timeoutSeconds(300).run();
  }
}
