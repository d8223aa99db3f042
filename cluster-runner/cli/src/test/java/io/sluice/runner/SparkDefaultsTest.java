package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.errors.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Spark's settings files are found and how they are read, as spark-submit does. */
class SparkDefaultsTest {

  @TempDir Path dir;

  private Path confDir(String name, String... lines) throws Exception {
    Path conf = Files.createDirectories(dir.resolve(name));
    Files.writeString(conf.resolve(SparkDefaults.FILE_NAME), String.join("\n", lines) + "\n");
    return conf;
  }

  @Test
  void sparkConfDirWinsOverSparkHomeConf() throws Exception {
    Path byConfDir = confDir("conf-dir", "spark.app.name a");
    Path home = dir.resolve("home");
    confDir("home/conf", "spark.app.name b");
    assertEquals(
        Optional.of(byConfDir.resolve(SparkDefaults.FILE_NAME).toAbsolutePath()),
        SparkDefaults.defaultsFile(
            Map.of("SPARK_CONF_DIR", byConfDir.toString(), "SPARK_HOME", home.toString())));
    assertEquals(
        "b",
        SparkDefaults.load(null, false, Map.of("SPARK_HOME", home.toString()))
            .settings()
            .get("spark.app.name"));
    assertEquals(Map.of(), SparkDefaults.load(null, false, Map.of()).settings());
  }

  @Test
  void readsSparksFormatWithValuesTrimmed() throws Exception {
    Path conf =
        confDir(
            "c",
            "# a comment",
            "spark.sql.shuffle.partitions   3   ",
            "spark.app.name=with = sign",
            "spark.executor.extraJavaOptions -Da=1 -Db=2");
    Map<String, String> settings =
        SparkDefaults.load(null, false, Map.of("SPARK_CONF_DIR", conf.toString())).settings();
    assertEquals(
        Map.of(
            "spark.sql.shuffle.partitions", "3",
            "spark.app.name", "with = sign",
            "spark.executor.extraJavaOptions", "-Da=1 -Db=2"),
        settings);
  }

  @Test
  void aPropertiesFileReplacesSparkDefaultsUnlessAskedToLoadBoth() throws Exception {
    Path conf = confDir("c", "spark.app.name from-defaults", "spark.executor.cores 4");
    Path file = Files.writeString(dir.resolve("my.conf"), "spark.app.name from-file\n");
    Map<String, String> env = Map.of("SPARK_CONF_DIR", conf.toString());
    assertEquals(
        Map.of("spark.app.name", "from-file"), SparkDefaults.load(file, false, env).settings());
    assertEquals(
        Map.of("spark.app.name", "from-file", "spark.executor.cores", "4"),
        SparkDefaults.load(file, true, env).settings());
    // --conf wins over both.
    assertEquals(
        "from-conf",
        SparkDefaults.load(file, true, env)
            .under(Map.of("spark.app.name", "from-conf"))
            .get("spark.app.name"));
  }

  @Test
  void keysThatAreNotSparkSettingsAreIgnoredWithSparkSubmitsWarning() throws Exception {
    Path conf = confDir("c", "spark.app.name n", "fs.defaultFS hdfs://nn:8020");
    SparkDefaults defaults =
        SparkDefaults.load(null, false, Map.of("SPARK_CONF_DIR", conf.toString()));
    assertEquals(Map.of("spark.app.name", "n"), defaults.settings());
    StringWriter err = new StringWriter();
    defaults.warnIgnored(new PrintWriter(err, true));
    assertEquals(
        List.of("sluice: warning: Ignoring non-Spark config property: fs.defaultFS"),
        err.toString().lines().toList());
  }

  @Test
  void aMissingOrBrokenPropertiesFileIsOneLineNamingIt() throws Exception {
    Path missing = dir.resolve("nope.conf");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> SparkDefaults.load(missing, false, Map.of()));
    assertTrue(e.getMessage().contains("--properties-file " + missing), e.getMessage());
    Path broken = Files.writeString(dir.resolve("broken.conf"), "spark.a \\uZZZZ\n");
    e =
        assertThrows(
            InvalidInputException.class, () -> SparkDefaults.load(broken, false, Map.of()));
    assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
  }

  @Test
  void runAndSubmitRefuseAMissingPropertiesFileInOneLine() throws Exception {
    String missing = dir.resolve("nope.conf").toString();
    Path jar = Files.writeString(dir.resolve("app.jar"), "");
    List<String[]> commands =
        List.of(
            new String[] {"run", "wordcount", "--input", "in", "--output", dir + "/o"},
            new String[] {
              "submit",
              "--master",
              "local",
              "--app-jar",
              jar.toString(),
              "wordcount",
              "--input",
              "in",
              "--output",
              dir + "/o"
            });
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of(SparkPropertiesOptions.PROPERTIES_FILE, missing));
      CliOutcome o = CliOutcome.main(Map.of(), args.toArray(String[]::new));
      assertEquals(ExitCode.BAD_INPUT, o.code, o.toString());
      assertEquals(
          List.of(
              "sluice: --properties-file " + missing + ": no such file (a Spark properties file)"),
          o.err.lines().toList());
    }
  }

  @Test
  void redactsAsSparkDoesWithItsDefaultOrTheGivenRegex() {
    assertEquals(
        org.apache
            .spark
            .internal
            .config
            .package$
            .MODULE$
            .SECRET_REDACTION_PATTERN()
            .defaultValueString(),
        SparkDefaults.DEFAULT_REDACTION_REGEX);
    assertEquals(
        Map.of("spark.hadoop.fs.s3a.access.key", SparkDefaults.REDACTED, "spark.a", "b"),
        SparkDefaults.redacted(Map.of("spark.hadoop.fs.s3a.access.key", "AKIA", "spark.a", "b")));
    assertEquals(
        // The regex's own value matches it, as in Spark.
        Map.of(
            "spark.redaction.regex", SparkDefaults.REDACTED, "spark.mine", SparkDefaults.REDACTED),
        SparkDefaults.redacted(Map.of("spark.redaction.regex", "mine", "spark.mine", "x")));
  }
}
