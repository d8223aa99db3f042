package io.sluice.runner;

import static io.sluice.runner.CliOutcome.main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.JobRegistry;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/**
 * Where the CLI finds the Hadoop site files (HADOOP_CONF_DIR, HADOOP_HOME/etc/hadoop,
 * YARN_CONF_DIR), {@code -D} on top, and bare paths on the site's default file system.
 */
class HadoopSiteConfigurationTest {

  @TempDir Path dir;

  @Test
  void withoutSiteFilesNothingChanges() {
    HadoopSiteConfiguration site = HadoopSiteConfiguration.load(Map.of(), null);
    assertEquals(Map.of(), site.settings());
    assertEquals(List.of(), site.files());
    assertEquals("out/x", site.location("out/x"));
    assertEquals("/data/x", site.location("/data/x"));
    assertEquals("file:///", site.configuration().get("fs.defaultFS"));
  }

  @Test
  void bareAndAbsolutePathsResolveAgainstTheSitesDefaultFileSystem() throws Exception {
    HadoopSiteConfiguration site = withCoreSite(Map.of("fs.defaultFS", "hdfs://nn:8020"));
    String user = UserGroupInformation.getCurrentUser().getShortUserName();
    Map<String, String> expected =
        Map.of(
            "out/x", "hdfs://nn:8020/user/" + user + "/out/x",
            "/data/x", "hdfs://nn:8020/data/x",
            "s3://bucket/k", "s3://bucket/k",
            "file:/tmp/x", "file:/tmp/x",
            "hdfs://other:9000/x", "hdfs://other:9000/x");
    expected.forEach((given, resolved) -> assertEquals(resolved, site.location(given), given));
    assertEquals("hdfs://nn:8020", site.configuration().get("fs.defaultFS"));
  }

  @Test
  void aLocalDefaultFileSystemKeepsPathsAsTheyAre() throws Exception {
    assertEquals("out/x", withCoreSite(Map.of("fs.defaultFS", "file:///")).location("out/x"));
  }

  @Test
  void hadoopHomesEtcHadoopWhenHadoopConfDirIsUnset() throws Exception {
    Path home = dir.resolve("hadoop");
    Files.createDirectories(home.resolve("etc/hadoop"));
    writeSite(home.resolve("etc/hadoop/core-site.xml"), Map.of("fs.defaultFS", "hdfs://home:8020"));
    Path conf = siteDir("conf", "core-site.xml", Map.of("fs.defaultFS", "hdfs://conf:8020"));

    Map<String, String> env = new HashMap<>(Map.of("HADOOP_HOME", home.toString()));
    assertEquals("hdfs://home:8020/d", HadoopSiteConfiguration.load(env, null).location("/d"));
    assertEquals(
        Optional.of(home.resolve("etc/hadoop")),
        HadoopSiteConfiguration.configurationDirectory(env));

    env.put("HADOOP_CONF_DIR", conf.toString());
    assertEquals("hdfs://conf:8020/d", HadoopSiteConfiguration.load(env, null).location("/d"));
    assertEquals(Optional.of(conf), HadoopSiteConfiguration.configurationDirectory(env));
  }

  @Test
  void yarnConfDirAddsWhatHadoopConfDirLacks() throws Exception {
    Path conf = siteDir("conf", "core-site.xml", Map.of("fs.defaultFS", "hdfs://conf:8020"));
    Path yarn = siteDir("yarn", "yarn-site.xml", Map.of("yarn.resourcemanager.address", "rm:8032"));
    writeSite(yarn.resolve("core-site.xml"), Map.of("fs.defaultFS", "hdfs://yarn:8020"));

    HadoopSiteConfiguration site =
        HadoopSiteConfiguration.load(
            Map.of("HADOOP_CONF_DIR", conf.toString(), "YARN_CONF_DIR", yarn.toString()), null);
    assertEquals("rm:8032", site.configuration().get("yarn.resourcemanager.address"));
    assertEquals("hdfs://conf:8020", site.configuration().get("fs.defaultFS"));
    assertEquals(
        List.of(conf.resolve("core-site.xml"), yarn.resolve("yarn-site.xml")), site.files());

    HadoopSiteConfiguration yarnOnly =
        HadoopSiteConfiguration.load(Map.of("YARN_CONF_DIR", yarn.toString()), null);
    assertEquals("hdfs://yarn:8020", yarnOnly.configuration().get("fs.defaultFS"));
    assertEquals(
        Optional.of(yarn),
        HadoopSiteConfiguration.configurationDirectory(Map.of("YARN_CONF_DIR", yarn.toString())));
  }

  @Test
  void definesGoOnTopOfTheSiteFiles() throws Exception {
    Path conf =
        siteDir("conf", "core-site.xml", Map.of("fs.defaultFS", "hdfs://nn:8020", "a.b", "site"));
    HadoopSiteConfiguration site =
        HadoopSiteConfiguration.load(
            Map.of("HADOOP_CONF_DIR", conf.toString()),
            Map.of("fs.defaultFS", "hdfs://other:9000"));
    assertEquals("hdfs://other:9000/d", site.location("/d"));
    assertEquals("site", site.configuration().get("a.b"));
    assertEquals(Map.of("fs.defaultFS", "hdfs://other:9000"), site.defines());

    HadoopSiteConfiguration definesOnly =
        HadoopSiteConfiguration.load(Map.of(), Map.of("fs.defaultFS", "hdfs://d:8020"));
    assertEquals("hdfs://d:8020/d", definesOnly.location("/d"));
  }

  @Test
  void aBrokenSiteFileIsNamedWithItsLineAndNoValue() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path core = conf.resolve("core-site.xml");
    Files.writeString(
        core,
        "<configuration>\n"
            + "<property><name>fs.s3a.secret.key</name><value>TOPSECRET</value></property>\n"
            + "<property><name>x</name><value>y</value></propertyy>\n"
            + "</configuration>\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HadoopSiteConfiguration.load(Map.of("HADOOP_CONF_DIR", conf.toString()), null));
    assertTrue(e.getMessage().startsWith(core.toString() + " line 3:"), e.getMessage());
    assertFalse(e.getMessage().contains("TOPSECRET"), e.getMessage());

    CliOutcome run =
        main(
            Map.of("HADOOP_CONF_DIR", conf.toString()),
            "run",
            "wordcount",
            "--input",
            "in.txt",
            "--output",
            dir.resolve("out").toString());
    assertEquals(2, run.code, run.toString());
    List<String> lines = run.err.lines().toList();
    assertEquals(1, lines.size(), run.toString());
    assertTrue(lines.get(0).contains("core-site.xml line 3"), run.toString());
    assertFalse(run.err.contains("TOPSECRET"), run.toString());
  }

  @Test
  void dashDTakesBothSpellingsOnTheCommandsThatUseHadoop() {
    ParseResult run =
        SluiceCli.commandLine(JobRegistry.load())
            .parseArgs(
                "run", "wordcount", "-D", "a=1", "-Db=2", "--input", "in", "--output", "out");
    assertEquals(
        Map.of("a", "1", "b", "2"),
        run.subcommand().subcommand().matchedOptionValue("-D", Map.of()));
    for (String[] command :
        List.of(
            new String[] {"load", "warehouse", "--input", "x.csv", "--table", "t"},
            new String[] {"load", "kv", "--input", "x.csv", "--table", "t", "--key", "id"},
            new String[] {"pipeline", "run", "p.yaml"},
            new String[] {"ml", "models", "--registry", "models"})) {
      List<String> args = new java.util.ArrayList<>(List.of(command));
      args.add("-Dfs.defaultFS=hdfs://nn:8020");
      ParseResult parsed =
          SluiceCli.commandLine(JobRegistry.load()).parseArgs(args.toArray(String[]::new));
      assertEquals(
          Map.of("fs.defaultFS", "hdfs://nn:8020"),
          parsed.subcommand().subcommand().matchedOptionValue("-D", Map.of()),
          String.join(" ", command));
    }
  }

  /** The configuration of a HADOOP_CONF_DIR holding one core-site.xml. */
  private HadoopSiteConfiguration withCoreSite(Map<String, String> settings) throws Exception {
    Path conf = siteDir("conf", "core-site.xml", settings);
    return HadoopSiteConfiguration.load(Map.of("HADOOP_CONF_DIR", conf.toString()), null);
  }

  private Path siteDir(String name, String file, Map<String, String> settings) throws Exception {
    Path conf = Files.createDirectories(dir.resolve(name));
    writeSite(conf.resolve(file), settings);
    return conf;
  }

  /** A *-site.xml as Hadoop writes one. */
  static void writeSite(Path file, Map<String, String> settings) throws Exception {
    Configuration site = new Configuration(false);
    settings.forEach(site::set);
    try (OutputStream out = Files.newOutputStream(file)) {
      site.writeXml(out);
    }
  }
}
