package io.sluice.runner.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.BadInputException;
import io.sluice.runner.SparkDefaults;
import io.sluice.runner.cluster.SparkRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * spark-submit's everyday flags on {@code sluice submit}: the Spark settings each becomes, their
 * order against --conf and the properties files, and the arguments SparkSubmit gets.
 */
class SubmitFlagsTest {

  private static final SparkRuntime RUNTIME =
      new SparkRuntime(
          List.of(Path.of("/rt/spark-core_2.13-4.0.1.jar")), List.of(), Path.of("/jdk/bin/java"));

  @TempDir static Path dir;

  private static Path jar;
  private static Path confDir;

  @BeforeAll
  static void files() throws Exception {
    jar = Files.writeString(dir.resolve("app.jar"), "not really a jar");
    confDir = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        confDir.resolve(SparkDefaults.FILE_NAME),
        String.join(
            "\n",
            "spark.sql.shuffle.partitions   3",
            "spark.executor.memory 1g",
            "spark.app.name from-defaults",
            "fs.defaultFS hdfs://nn:8020",
            ""));
  }

  /** The command line parsed, its request built with SPARK_CONF_DIR={@link #confDir}. */
  private static Submitted submit(String... args) {
    SubmitCommand command = new SubmitCommand();
    new CommandLine(command).parseArgs(args);
    StringWriter err = new StringWriter();
    SubmitRequest request =
        command.request(Map.of("SPARK_CONF_DIR", confDir.toString()), new PrintWriter(err, true));
    return new Submitted(
        request, new SparkSubmission(request, command.mainClass != null), err.toString());
  }

  /** {@code submit --master local[2] --app-jar JAR FLAGS wordcount --input in --output out}. */
  private static Submitted wordcount(String... flags) {
    List<String> args =
        new ArrayList<>(List.of("--master", "local[2]", "--app-jar", jar.toString()));
    args.addAll(List.of(flags));
    args.addAll(List.of("wordcount", "--input", "in", "--output", "out"));
    return submit(args.toArray(String[]::new));
  }

  private record Submitted(SubmitRequest request, SparkSubmission submission, String err) {
    List<String> args() {
      return submission.sparkSubmitArgs(RUNTIME);
    }

    List<String> confArgs() {
      List<String> args = args();
      List<String> conf = new ArrayList<>();
      for (int i = 0; i < args.size() - 1; i++) {
        if (args.get(i).equals("--conf")) {
          conf.add(args.get(i + 1));
        }
      }
      return conf;
    }
  }

  @Test
  void flagsBecomeTheSettingsSparkSubmitMapsThemTo() {
    Submitted s =
        wordcount(
            "--name",
            "nightly",
            "--driver-memory",
            "512m",
            "--executor-memory",
            "2g",
            "--executor-cores",
            "1",
            "--num-executors",
            "4",
            "--queue",
            "etl",
            "--files",
            "a.txt,b.txt",
            "--jars",
            "x.jar,y.jar");
    List<String> conf = s.confArgs();
    assertTrue(conf.contains("spark.app.name=nightly"), conf.toString());
    assertTrue(conf.contains("spark.driver.memory=512m"), conf.toString());
    assertTrue(conf.contains("spark.executor.memory=2g"), "the flag beats the file: " + conf);
    assertTrue(conf.contains("spark.executor.cores=1"), conf.toString());
    assertTrue(conf.contains("spark.executor.instances=4"), conf.toString());
    assertTrue(conf.contains("spark.yarn.queue=etl"), conf.toString());
    assertTrue(conf.contains("spark.files=a.txt,b.txt"), conf.toString());
    assertTrue(conf.contains("spark.sql.shuffle.partitions=3"), "from spark-defaults: " + conf);
    List<String> args = s.args();
    assertEquals("x.jar,y.jar", args.get(args.indexOf("--jars") + 1));
    assertEquals(
        List.of(jar.toAbsolutePath().toString(), "wordcount", "--input", "in", "--output", "out"),
        args.subList(args.size() - 6, args.size()));
    // In client mode the spark-submit JVM is the driver: its heap is spark.driver.memory.
    assertTrue(s.submission().command(RUNTIME).contains("-Xmx512m"));
  }

  @Test
  void confWinsOverTheFilesAndNonSparkKeysAreIgnoredWithAWarning() {
    Submitted s =
        wordcount(
            "--conf", "spark.executor.memory=3g", "--conf", "fs.s3a.endpoint=http://127.0.0.1:9");
    List<String> conf = s.confArgs();
    assertTrue(conf.contains("spark.executor.memory=3g"), conf.toString());
    assertTrue(conf.contains("spark.app.name=from-defaults"), conf.toString());
    assertFalse(conf.stream().anyMatch(c -> c.startsWith("fs.")), conf.toString());
    assertEquals(
        List.of(
            "sluice: warning: Ignoring non-Spark config property: fs.s3a.endpoint",
            "sluice: warning: Ignoring non-Spark config property: fs.defaultFS"),
        s.err().lines().toList());
    // Without spark.driver.memory the driver gets spark-submit's default heap.
    assertTrue(s.submission().command(RUNTIME).contains("-Xmx1g"));
  }

  @Test
  void aPropertiesFileReplacesSparkDefaults() throws Exception {
    Path file = Files.writeString(dir.resolve("job.properties"), "spark.executor.cores=2\n");
    List<String> conf = wordcount("--properties-file", file.toString()).confArgs();
    assertTrue(conf.contains("spark.executor.cores=2"), conf.toString());
    assertTrue(conf.contains("spark.app.name=sluice wordcount"), conf.toString());
    assertFalse(conf.stream().anyMatch(c -> c.contains("shuffle")), conf.toString());
  }

  @Test
  void classRunsTheUsersOwnApplicationFromTheFirstJar() throws Exception {
    Path lib = Files.writeString(dir.resolve("lib.jar"), "");
    Submitted s =
        submit(
            "--master",
            "local[2]",
            "--class",
            "com.example.Main",
            "--jar",
            jar.toString(),
            "--jar",
            lib.toString(),
            "first",
            "--flag",
            "second");
    List<String> args = s.args();
    assertEquals("com.example.Main", args.get(args.indexOf("--class") + 1));
    assertEquals(lib.toString(), args.get(args.indexOf("--jars") + 1));
    assertEquals(
        List.of(jar.toAbsolutePath().toString(), "first", "--flag", "second"),
        args.subList(args.size() - 4, args.size()));
    assertTrue(s.confArgs().contains("spark.app.name=from-defaults"), s.confArgs().toString());
    BadInputException noJar =
        assertThrows(
            BadInputException.class, () -> submit("--master", "local", "--class", "com.x.Main"));
    assertTrue(noJar.getMessage().contains("needs --jar JAR"), noJar.getMessage());
  }

  @Test
  void verboseListsTheSettingsSortedWithSecretsRedacted() {
    StringWriter text = new StringWriter();
    SubmitCommand.printSettings(
        Map.of(
            "spark.hadoop.fs.s3a.secret.key", "abc123",
            "spark.app.name", "n",
            "spark.executorEnv.DB", "password=hunter2"),
        new PrintWriter(text, true));
    assertEquals(
        List.of(
            "Spark properties used, including those specified through --conf and those from the"
                + " properties file:",
            "  spark.app.name=n",
            "  spark.executorEnv.DB=" + SparkDefaults.REDACTED,
            "  spark.hadoop.fs.s3a.secret.key=" + SparkDefaults.REDACTED),
        text.toString().lines().toList());
  }
}
