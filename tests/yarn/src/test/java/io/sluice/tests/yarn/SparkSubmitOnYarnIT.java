package io.sluice.tests.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code sluice submit wordcount --master yarn} for the Spark engine, as a user runs it: the CLI in
 * a JVM of its own finds the ResourceManager through HADOOP_CONF_DIR, and Spark's own YARN client
 * (spark-yarn) ships the runner's Spark jars and the thin job jar to a real ResourceManager
 * (MiniYARNCluster over a MiniDFSCluster), whose NodeManager runs the ApplicationMaster (with the
 * driver in it, in cluster mode) and the executor as containers. One cluster for the test JVM.
 */
@ExtendWith(SharedYarnCluster.class)
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class SparkSubmitOnYarnIT {

  private static final File BASEDIR =
      new File(System.getProperty("basedir", ".")).getAbsoluteFile();
  private static final File WORK = new File(BASEDIR, "target/spark-submit-on-yarn-it");
  private static final int SUBMIT_TIMEOUT_SECONDS = 420;

  private static LocalYarnCluster cluster;
  private static YarnClient yarnClient;
  private static FileSystem fs;
  private static Path confDir;

  private static final String TEST_JVM = SluiceProcess.testJvmOptionLine();
  private static List<String> lines;
  private static org.apache.hadoop.fs.Path input;

  /**
   * Spark submissions so far: all but the first must find the runtime jars already on the cluster.
   */
  private static int submissions;

  @BeforeAll
  static void startClusters(LocalYarnCluster shared) throws Exception {
    cluster = shared;
    yarnClient = cluster.yarnClient();
    fs = cluster.fileSystem();

    confDir =
        cluster.writeClientConf(
            WORK.toPath().resolve("client-conf"),
            // The test JVM's unshaded Hadoop jars are nothing a Spark container should see.
            client -> client.unset(MRJobConfig.MAPREDUCE_APPLICATION_CLASSPATH));

    lines = WordCountOnYarnIT.sampleLines();
    input = fs.makeQualified(new org.apache.hadoop.fs.Path("/spark-submit/in/words.txt"));
    cluster.writeLines(input, lines);
  }

  @Test
  void clusterModeRunsTheDriverInTheApplicationMaster() throws Exception {
    submitAndCheck("cluster");
  }

  @Test
  void clientModeRunsTheDriverInTheSubmittingProcess() throws Exception {
    String out = submitAndCheck("client");
    // The driver is the CLI's own child here, so the job's summary line reaches the user's
    // terminal.
    assertTrue(
        out.contains(
            "wordcount [spark] done: read="
                + lines.size()
                + " accepted="
                + lines.size()
                + " rejected=0"),
        out);
  }

  @Test
  void yarnWithoutAClusterConfigurationIsBadInput() throws Exception {
    Path dir = Files.createDirectories(WORK.toPath().resolve("no-conf"));
    Result r =
        run(
            dir,
            Map.of(),
            "submit",
            "--master",
            "yarn",
            "--deploy-mode",
            "cluster",
            "wordcount",
            "--input",
            "/in",
            "--output",
            "/out");
    assertEquals(2, r.exitCode, r.all());
    List<String> errorLines =
        r.stderr.lines().filter(l -> l.contains("--master yarn needs")).toList();
    assertEquals(1, errorLines.size(), r.all());
    assertTrue(
        errorLines.get(0).contains("set HADOOP_CONF_DIR or YARN_CONF_DIR"), errorLines.get(0));
    assertTrue(
        errorLines.get(0).contains("--conf spark.hadoop.yarn.resourcemanager.address=HOST:PORT"),
        errorLines.get(0));
  }

  /**
   * Submits wordcount in the given deploy mode; checks exit code, output and the RM's record;
   * returns stdout.
   */
  private static String submitAndCheck(String mode) throws Exception {
    org.apache.hadoop.fs.Path output =
        fs.makeQualified(new org.apache.hadoop.fs.Path("/spark-submit/out-" + mode));
    Set<String> before = cluster.applicationIds();
    String javaHome = System.getProperty("java.home");
    Result r =
        run(
            Files.createDirectories(WORK.toPath().resolve(mode)),
            Map.of("HADOOP_CONF_DIR", confDir.toString()),
            "submit",
            "--master",
            "yarn",
            "--deploy-mode",
            mode,
            // Tiny containers for a 2-core machine: one executor, small heaps, two shuffle
            // partitions.
            "--conf",
            "spark.executor.instances=1",
            "--conf",
            "spark.executor.cores=1",
            "--conf",
            "spark.executor.memory=512m",
            "--conf",
            "spark.driver.memory=512m",
            "--conf",
            "spark.yarn.am.memory=512m",
            "--conf",
            "spark.sql.shuffle.partitions=2",
            "--conf",
            "spark.ui.enabled=false",
            // Containers start "$JAVA_HOME/bin/java"; Maven does not always export JAVA_HOME.
            "--conf",
            "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
            "--conf",
            "spark.executorEnv.JAVA_HOME=" + javaHome,
            // The test JVM options (C1, serial GC) for the executor and, in cluster mode, the AM.
            "--conf",
            "spark.executor.defaultJavaOptions=" + TEST_JVM,
            "--conf",
            "spark.driver.defaultJavaOptions=" + TEST_JVM,
            "wordcount",
            "--input",
            input.toString(),
            "--output",
            output.toString());
    assertEquals(0, r.exitCode, r.all() + containerLogs());
    assertTrue(
        r.stdout.contains("submit wordcount [spark] to yarn (" + mode + " mode): succeeded"),
        r.stdout);
    if (submissions++ > 0) {
      assertTrue(
          r.stderr.contains("Spark runtime jars already on the cluster"),
          "uploaded again:\n" + r.stderr);
    }

    // It went through the ResourceManager as one new, finished and successful Spark application.
    LocalYarnCluster.assertFinishedWell(
        cluster.newApplication("SPARK", before), "sluice wordcount");

    // The runtime jars went to the cluster once, published whole: one cache entry, nothing partial
    // left.
    FileStatus[] cached =
        fs.listStatus(new org.apache.hadoop.fs.Path(fs.getHomeDirectory(), ".sluice/spark-jars"));
    assertEquals(1, cached.length, Arrays.toString(cached));
    assertTrue(
        fs.listStatus(cached[0].getPath()).length > 100, "too few jars in " + cached[0].getPath());

    assertTrue(
        fs.exists(new org.apache.hadoop.fs.Path(output, "_SUCCESS")), "no _SUCCESS in " + output);
    assertEquals(
        new String(WordCountOnYarnIT.reference(lines), StandardCharsets.UTF_8), partFiles(output));
    return r.stdout;
  }

  /** Every part file of an output directory, in name order. */
  private static String partFiles(org.apache.hadoop.fs.Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    FileStatus[] parts = fs.globStatus(new org.apache.hadoop.fs.Path(dir, "part-*"));
    Arrays.sort(parts, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    for (FileStatus part : parts) {
      try (InputStream in = fs.open(part.getPath())) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        all.append(bytes.toString(StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }

  private record Result(int exitCode, String stdout, String stderr) {
    String all() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /**
   * The CLI as a child process, with HADOOP_CONF_DIR / YARN_CONF_DIR exactly as given (never
   * inherited).
   */
  private static Result run(Path dir, Map<String, String> env, String... args) throws Exception {
    Map<String, String> changes = new HashMap<>();
    changes.put("HADOOP_CONF_DIR", null);
    changes.put("YARN_CONF_DIR", null);
    changes.putAll(env);
    SluiceProcess.Result r;
    try {
      r =
          SluiceProcess.cli(args)
              .env(changes)
              .outputDir(dir)
              .timeoutSeconds(SUBMIT_TIMEOUT_SECONDS)
              .run();
    } catch (AssertionError timedOut) {
      throw new AssertionError(timedOut.getMessage() + containerLogs(), timedOut);
    }
    return new Result(r.exitCode(), r.stdout(), r.stderr());
  }

  /**
   * The last lines of every container's stderr, for a failure message: the driver's error is there
   * in cluster mode.
   */
  private static String containerLogs() {
    StringBuilder sb =
        new StringBuilder("\n--- container logs under ").append(cluster.work()).append('\n');
    try (Stream<Path> files = Files.walk(cluster.work().toPath())) {
      for (Path p :
          files
              .filter(
                  f ->
                      f.getFileName().toString().equals("stderr")
                          && f.toString().contains("container_"))
              .sorted()
              .toList()) {
        List<String> all = Files.readAllLines(p, StandardCharsets.UTF_8);
        sb.append("== ")
            .append(p)
            .append('\n')
            .append(
                all.subList(Math.max(0, all.size() - 40), all.size()).stream()
                    .collect(Collectors.joining("\n")))
            .append('\n');
      }
    } catch (IOException | RuntimeException e) {
      sb.append("(cannot read: ").append(e).append(")\n");
    }
    return sb.toString();
  }
}
