package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.userjar.UserJobJar;
import io.sluice.runner.SluiceCli;
import io.sluice.runner.UserJarOptions;
import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's job from their own jar (built at test time by {@link UserJobJar}) on every runtime of
 * this module: {@code sluice run} in a JVM of its own as {@code bin/sluice} starts it (jar from
 * {@code SLUICE_JARS}) and in-process, {@code sluice submit --jar} through Spark's real
 * SparkSubmit, and a pipeline file's {@code jars:}. Every output is checked against the independent
 * count of the test.
 */
class UserJarIT {

  private static final long TIMEOUT_SECONDS = 300;

  @TempDir static Path shared;

  private static Path jar;
  private static Path input;
  private static List<String> lines;

  @TempDir Path dir;

  @BeforeAll
  static void buildJarAndInput() throws IOException {
    jar = UserJobJar.letters("letters", "LetterCountJob").build(shared.resolve("letter-jobs.jar"));
    lines = new ArrayList<>();
    List<String> words =
        List.of("Alder", "birch", "cedar", "Dogwood", "elm", "fir", "ash", "beech", "Cypress");
    for (int i = 0; i < 400; i++) {
      // Every 37th line is empty: rejected by the job with a reason.
      lines.add(
          i % 37 == 0
              ? ""
              : words.get(i % words.size()) + " " + words.get((i * 7) % words.size()) + " x" + i);
    }
    input = shared.resolve("trees.txt");
    Files.write(input, lines);
  }

  private static String summary(String engine) {
    long records = UserJobJar.records(lines);
    return "letters ["
        + engine
        + "] done: read="
        + lines.size()
        + " accepted="
        + records
        + " rejected="
        + (lines.size() - records)
        + " written="
        + UserJobJar.expectedLetters(lines).size()
        + " records";
  }

  @Test
  void runInAJvmOfItsOwnFindsTheJobInSluiceJars() throws Exception {
    Path out = dir.resolve("spark-out");
    SluiceProcess.Result r =
        runLetters(
            jar,
            "--engine",
            "spark",
            "--master",
            "local[2]",
            "--conf",
            "spark.sql.shuffle.partitions=4",
            "--input",
            input.toString(),
            "--output",
            out.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().startsWith(summary("spark")), r.stdout());
    assertEquals(UserJobJar.expectedLetters(lines), UserJobJar.readLetters(out));

    SluiceProcess.Result jobs = cli(Map.of(), "jobs", "--jar", jar.toString());
    assertEquals(0, jobs.exitCode(), jobs.stderr());
    assertTrue(
        jobs.stdout().lines().anyMatch(l -> l.startsWith("letters ") && l.endsWith(" " + jar)),
        jobs.stdout());

    Path missing = dir.resolve("missing.jar");
    SluiceProcess.Result bad = runLetters(missing, "--input", input.toString());
    assertEquals(2, bad.exitCode(), bad.stderr());
    assertEquals(List.of("sluice: jar not found: " + missing), bad.stderr().lines().toList());
  }

  /**
   * {@code sluice run} in-process through the CLI's main logic, the jar from {@code SLUICE_JARS} in
   * the environment it is given. Here rather than in cluster-runner/cli's UserJarCliTest: a Spark
   * run is seconds in a unit-test module every later module waits for.
   */
  @Test
  void runInProcessFindsTheJobInSluiceJars() {
    Path out = dir.resolve("in-process-out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code =
        SluiceCli.execute(
            new String[] {
              "run",
              "letters",
              "--engine",
              "spark",
              "--master",
              "local[2]",
              "--conf",
              "spark.sql.shuffle.partitions=3",
              "--input",
              input.toString(),
              "--output",
              out.toString()
            },
            Map.of(UserJarOptions.ENV, jar.toString()),
            new PrintWriter(stdout, true),
            new PrintWriter(stderr, true));
    assertEquals(0, code, stdout + "\n" + stderr);
    assertTrue(stdout.toString().startsWith(summary("spark")), stdout.toString());
    assertEquals(UserJobJar.expectedLetters(lines), UserJobJar.readLetters(out));
  }

  @Test
  void submitRunsTheJobFromItsJarThroughSparkSubmit() throws Exception {
    Path out = dir.resolve("submit-out");
    SluiceProcess.Result r =
        cli(
            Map.of(),
            "submit",
            "--jar",
            jar.toString(),
            "--master",
            "local[2]",
            "--conf",
            "spark.sql.shuffle.partitions=4",
            "--conf",
            "spark.ui.enabled=false",
            "letters",
            "--input",
            input.toString(),
            "--output",
            out.toString());
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains(summary("spark")), r.stdout());
    assertTrue(
        r.stdout().contains("submit letters [spark] to local[2] (client mode): succeeded"),
        r.stdout());
    assertEquals(UserJobJar.expectedLetters(lines), UserJobJar.readLetters(out));
  }

  @Test
  void pipelineFileWithJarsRunsTheUserJobOnBothEngines() throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Files.copy(jar, dir.resolve("lib/letter-jobs.jar"));
    Path file = dir.resolve("letters.yaml");
    Files.writeString(
        file,
        """
        name: letters
        vars: {out: "${pipeline_dir}/out"}
        jars: [lib/letter-jobs.jar]
        steps:
          - {name: mr, kind: job, job: letters, engine: mapreduce, options: {input: "%1$s", output: "${out}/mr", overwrite: true}}
          - {name: spark, kind: job, job: letters, engine: spark, options: {input: "%1$s", output: "${out}/spark", overwrite: true}}
        """
            .formatted(input));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SluiceCli.execute(
            new String[] {
              "pipeline", "run", file.toString(), "--conf", "spark.sql.shuffle.partitions=4"
            },
            Map.of(),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertEquals(0, code, out + "\n" + err);
    assertTrue(out.toString().contains("pipeline letters [local] done: 2 steps"), out.toString());
    assertTrue(
        err.toString().contains(summary("mapreduce")) && err.toString().contains(summary("spark")),
        err.toString());
    assertEquals(UserJobJar.expectedLetters(lines), UserJobJar.readLetters(dir.resolve("out/mr")));
    assertEquals(
        UserJobJar.expectedLetters(lines), UserJobJar.readLetters(dir.resolve("out/spark")));
  }

  /** {@code sluice run letters ARGS} in a JVM of its own, the job's jar given in SLUICE_JARS. */
  private SluiceProcess.Result runLetters(Path jars, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("run", "letters"));
    command.addAll(List.of(args));
    return cli(Map.of("SLUICE_JARS", jars.toString()), command.toArray(String[]::new));
  }

  /**
   * The CLI in a JVM of its own, with the classpath and flags bin/sluice gives it, SLUICE_JARS only
   * as given.
   */
  private SluiceProcess.Result cli(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Map<String, String> changes = new HashMap<>(env);
    changes.putIfAbsent("SLUICE_JARS", null);
    return SluiceProcess.cli(args).workDir(dir).env(changes).timeoutSeconds(TIMEOUT_SECONDS).run();
  }
}
