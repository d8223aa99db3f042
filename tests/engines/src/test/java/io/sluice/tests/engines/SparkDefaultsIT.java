package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark settings from spark-defaults.conf ({@code SPARK_CONF_DIR}), {@code --properties-file},
 * {@code --conf} and spark-submit's flags, in spark-submit's order, as a user's {@code sluice run}
 * and {@code sluice submit} get them (each CLI in a JVM of its own). What Spark ended up with is
 * read back from its event log, which the settings themselves switch on.
 */
class SparkDefaultsIT {

  private static final long TIMEOUT_SECONDS = 300;

  @TempDir static Path shared;

  private static Path input;

  @TempDir Path dir;

  @BeforeAll
  static void input() throws IOException {
    input = Files.write(shared.resolve("words.txt"), WordCountReference.sampleLines(200));
  }

  /** The settings that make Spark write a readable event log into {@code events}. */
  private static List<String> eventLog(Path events) throws IOException {
    Files.createDirectories(events);
    return List.of(
        "spark.eventLog.enabled true",
        "spark.eventLog.dir " + events.toUri(),
        "spark.eventLog.compress false");
  }

  @Test
  void runReadsSparkDefaultsFromSparkConfDir() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    List<String> lines = new ArrayList<>(eventLog(dir.resolve("events")));
    lines.addAll(
        List.of(
            "spark.sql.shuffle.partitions 3",
            "spark.app.name from-defaults",
            "fs.defaultFS file:///"));
    Files.write(conf.resolve("spark-defaults.conf"), lines);
    SluiceProcess.Result r =
        cli(Map.of("SPARK_CONF_DIR", conf.toString()), "run", "wordcount", "--engine", "spark");
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("wordcount [spark] done: read=200"), r.stdout());
    assertTrue(
        r.stderr().contains("sluice: warning: Ignoring non-Spark config property: fs.defaultFS"),
        r.stderr());
    String events = events(dir.resolve("events"));
    assertSetting(events, "spark.sql.shuffle.partitions", "3");
    assertTrue(events.contains("\"App Name\":\"from-defaults\""), "app name in the event log");
  }

  @Test
  void aPropertiesFileReplacesSparkDefaultsAndConfWins() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.write(conf.resolve("spark-defaults.conf"), List.of("spark.app.name from-defaults"));
    List<String> lines = new ArrayList<>(eventLog(dir.resolve("events")));
    lines.addAll(List.of("spark.sql.shuffle.partitions 3", "spark.app.name from-file"));
    Path file = Files.write(dir.resolve("job.properties"), lines);
    SluiceProcess.Result r =
        cli(
            Map.of("SPARK_CONF_DIR", conf.toString()),
            "run",
            "wordcount",
            "--engine",
            "spark",
            "--properties-file",
            file.toString(),
            "--conf",
            "spark.sql.shuffle.partitions=5");
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    String events = events(dir.resolve("events"));
    assertSetting(events, "spark.sql.shuffle.partitions", "5");
    assertTrue(events.contains("\"App Name\":\"from-file\""), "app name in the event log");
  }

  @Test
  void submitTakesSparkSubmitsFlags() throws Exception {
    Path events = dir.resolve("events");
    Files.createDirectories(events);
    List<String> args =
        new ArrayList<>(
            List.of(
                "submit",
                "--master",
                "local[2]",
                "--app-jar",
                TestEngines.appJar().toString(),
                "--driver-memory",
                "512m",
                "--name",
                "nightly-words",
                "--verbose",
                "--conf",
                "spark.eventLog.enabled=true",
                "--conf",
                "spark.eventLog.dir=" + events.toUri(),
                "--conf",
                "spark.eventLog.compress=false",
                "--conf",
                "spark.hadoop.fs.s3a.secret.key=not-for-printing",
                "wordcount",
                "--input",
                input.toString(),
                "--output",
                dir.resolve("out").toString()));
    SluiceProcess.Result r =
        SluiceProcess.cli(args.toArray(String[]::new))
            .workDir(dir)
            .env(noSparkConf(Map.of()))
            .timeoutSeconds(TIMEOUT_SECONDS)
            .run();
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(
        r.stdout().contains("submit wordcount [spark] to local[2] (client mode): succeeded"),
        r.stdout());
    assertTrue(r.stderr().contains("\n  spark.app.name=nightly-words\n"), r.stderr());
    assertTrue(r.stderr().contains("\n  spark.driver.memory=512m\n"), r.stderr());
    assertTrue(
        r.stderr().contains("\n  spark.hadoop.fs.s3a.secret.key=*********(redacted)\n"),
        r.stderr());
    assertTrue(
        !r.stdout().contains("not-for-printing") && !r.stderr().contains("not-for-printing"));
    String log = events(events);
    assertTrue(log.contains("\"App Name\":\"nightly-words\""), "app name in the event log");
    assertSetting(log, "spark.driver.memory", "512m");
  }

  private static void assertSetting(String events, String key, String value) {
    Pattern setting =
        Pattern.compile(
            "\"" + Pattern.quote(key) + "\"\\s*[:,]\\s*\"" + Pattern.quote(value) + "\"");
    assertTrue(setting.matcher(events).find(), key + "=" + value + " not in the event log");
  }

  /**
   * The one application's event log: Spark 4 rolls it by default, into a folder of its own of
   * {@code events_N_...} files.
   */
  private static String events(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> logs = files.filter(Files::isRegularFile).sorted().toList();
      assertTrue(!logs.isEmpty(), "no event log in " + dir);
      StringBuilder all = new StringBuilder();
      for (Path log : logs) {
        all.append(Files.readString(log));
      }
      return all.toString();
    }
  }

  /** {@code sluice run ... --input words --output out} in a JVM of its own. */
  private SluiceProcess.Result cli(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("--input", input.toString(), "--output", dir.resolve("out").toString()));
    return SluiceProcess.cli(command.toArray(String[]::new))
        .workDir(dir)
        .env(noSparkConf(env))
        .timeoutSeconds(TIMEOUT_SECONDS)
        .run();
  }

  /** {@code env}, without the SPARK_CONF_DIR/SPARK_HOME of the machine unless given. */
  private static Map<String, String> noSparkConf(Map<String, String> env) {
    Map<String, String> changes = new HashMap<>(env);
    changes.putIfAbsent("SPARK_CONF_DIR", null);
    changes.putIfAbsent("SPARK_HOME", null);
    changes.putIfAbsent("SLUICE_JARS", null);
    return changes;
  }
}
