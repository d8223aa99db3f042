package io.sluice.tests.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.InputSizing;
import io.sluice.jobs.JobRegistry;
import io.sluice.runner.pipeline.ExecutionTarget;
import io.sluice.runner.pipeline.PipelineDefinition;
import io.sluice.runner.pipeline.PipelineEnvironment;
import io.sluice.runner.pipeline.PipelineReport;
import io.sluice.runner.pipeline.PipelineRunner;
import io.sluice.runner.pipeline.PipelineStepFailedException;
import io.sluice.runner.pipeline.StepResult;
import io.sluice.storage.StorageConfig;
import io.sluice.testing.SampleText;
import io.sluice.testing.WordCounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.RuntimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipeline steps run at once on one Spark context ({@code concurrency: 2}): each Spark step has a
 * session of its own, so the settings the job base sizes per input and the temporary views of
 * spark-sql steps never reach a step beside it; outputs equal what the steps write alone; a failing
 * step's output is not left behind and the run fails with its message, as in file order.
 */
@Tag("own-spark-session")
class ConcurrentStepsIT {

  private static final List<String> SMALL = SampleText.lines(50, 3);
  private static final List<String> LARGE = SampleText.lines(2_000, 11);

  /** A line of the runner's progress: start, done, its detail, a heartbeat, FAILED. */
  private static final Pattern PROGRESS_LINE =
      Pattern.compile(
          "pipeline \\S+ \\[local\\]: \\d+ step\\(s\\).*"
              + "|\\[\\d+/\\d+\\] \\S+ \\(\\S+\\) \\.\\.\\."
              + "|\\[\\d+/\\d+\\] \\S+ done: in=\\d+ out=\\d+ rejected=\\d+.*"
              + "|\\[\\d+/\\d+\\] \\S+ FAILED after [\\d.]+s"
              + "|      .*");

  @TempDir static Path dir;

  private static final StringWriter progress = new StringWriter();
  private static PipelineEnvironment env;

  @BeforeAll
  static void start() {
    env =
        PipelineEnvironment.builder()
            .target(ExecutionTarget.LOCAL, "local[2]", List.of())
            .storage(StorageConfig.builder().build())
            .warehouse("duckdb:" + dir.resolve("warehouse.duckdb"))
            .quarantineDir(dir.resolve("quarantine"))
            .progress(new PrintWriter(progress, true))
            .build();
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void twoSizedStepsAtOnceKeepTheirOwnSqlSettings() {
    RuntimeConfig shared = env.engines().spark().conf();
    String partitions = shared.get(InputSizing.SHUFFLE_PARTITIONS);
    EngineContext small = env.engineOfItsOwn();
    EngineContext large = env.engineOfItsOwn();
    Configuration conf = small.hadoopConf();
    try (EngineContext.SizedRun smallRun = small.sizeFor(Engine.SPARK, 6, conf)) {
      try (EngineContext.SizedRun largeRun = large.sizeFor(Engine.SPARK, 1L << 40, conf)) {
        // On one shared session the large job's settings would have replaced the small one's.
        assertEquals("1", small.spark().conf().get(InputSizing.SHUFFLE_PARTITIONS));
        assertEquals("NO_CODEGEN", small.spark().conf().get(InputSizing.CODEGEN_FACTORY_MODE));
        assertEquals("8", large.spark().conf().get(InputSizing.SHUFFLE_PARTITIONS));
        assertEquals("FALLBACK", large.spark().conf().get(InputSizing.CODEGEN_FACTORY_MODE));
        assertEquals(partitions, shared.get(InputSizing.SHUFFLE_PARTITIONS));
      }
      assertEquals(
          "1",
          small.spark().conf().get(InputSizing.SHUFFLE_PARTITIONS),
          "the other step's end does not restore this one's settings");
    } finally {
      small.close();
      large.close();
    }
    assertEquals(partitions, shared.get(InputSizing.SHUFFLE_PARTITIONS));
    assertFalse(env.engines().spark().sparkContext().isStopped(), "the shared context runs on");
  }

  @Test
  void sparkStepsAtOnceWriteWhatTheyWriteAlone() throws IOException {
    Path small = Files.write(dir.resolve("small.txt"), SMALL);
    Path large = Files.write(dir.resolve("large.txt"), LARGE);
    Path out = Files.createDirectories(dir.resolve("out"));
    Path fewRows = Files.writeString(dir.resolve("few.csv"), numbers(50));
    Path manyRows = Files.writeString(dir.resolve("many.csv"), numbers(2_000));
    // Both spark-sql steps name their input view 't': on one session each could see either table.
    String yaml =
        String.join(
            "\n",
            "name: side-by-side",
            "concurrency: 2",
            "steps:",
            "  - {name: count-small, kind: job, job: wordcount, options: {input: '"
                + small
                + "', output: '"
                + out.resolve("small")
                + "'}}",
            "  - {name: count-large, kind: job, job: wordcount, needs: [], options: {input: '"
                + large
                + "', output: '"
                + out.resolve("large")
                + "'}}",
            "  - {name: rows-few, kind: spark-sql, needs: [], inputs: {t: '"
                + fewRows
                + "'}, query: 'SELECT count(*) AS n FROM t', output: '"
                + out.resolve("rows-few")
                + "'}",
            "  - {name: rows-many, kind: spark-sql, needs: [], inputs: {t: '"
                + manyRows
                + "'}, query: 'SELECT count(*) AS n FROM t', output: '"
                + out.resolve("rows-many")
                + "'}",
            "");
    PipelineReport report = run(yaml);
    assertEquals(WordCounts.expected(SMALL), partFiles(out.resolve("small")));
    assertEquals(WordCounts.expected(LARGE), partFiles(out.resolve("large")));
    assertEquals(50, countIn(out.resolve("rows-few")));
    assertEquals(2_000, countIn(out.resolve("rows-many")));
    assertEquals(
        List.of("count-small", "count-large", "rows-few", "rows-many"),
        report.steps().stream().map(StepResult::step).toList(),
        "the report in file order");
    assertEveryLineWhole();
  }

  @Test
  void aFailingStepBesideAnotherLeavesNoOutputAndFailsAsInFileOrder() throws IOException {
    Path input = Files.write(dir.resolve("fine.txt"), SMALL);
    Path broken = Files.createDirectories(dir.resolve("broken"));
    // Not gzip: the job fails while its tasks read, after its output was staged.
    Files.write(broken.resolve("part.gz"), "not gzip at all\n".repeat(50).getBytes());
    Path out = Files.createDirectories(dir.resolve("failing"));
    String yaml =
        String.join(
            "\n",
            "name: one-fails",
            "concurrency: 2",
            "steps:",
            "  - {name: fine, kind: job, job: wordcount, options: {input: '"
                + input
                + "', output: '"
                + out.resolve("fine")
                + "'}}",
            "  - {name: broken, kind: job, job: wordcount, needs: [], options: {input: '"
                + broken
                + "', output: '"
                + out.resolve("broken")
                + "'}}",
            "");
    PipelineStepFailedException atOnce =
        assertThrows(PipelineStepFailedException.class, () -> run(yaml));
    assertEquals("broken", atOnce.step());
    assertEquals(
        List.of("fine"),
        atOnce.completed().stream().map(StepResult::step).toList(),
        "the running step finished");
    assertEquals(WordCounts.expected(SMALL), partFiles(out.resolve("fine")));
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(
          List.of("fine"),
          left.map(p -> p.getFileName().toString()).sorted().toList(),
          "no output, staging or lock of the failed step");
    }
    // The step alone, one at a time: the same message (but Spark's stage and task numbers).
    PipelineDefinition pipeline = PipelineDefinition.parse(yaml, "p.yaml", dir, Map.of());
    PipelineStepFailedException alone =
        assertThrows(
            PipelineStepFailedException.class,
            () ->
                new PipelineRunner(JobRegistry.load(), env)
                    .run(
                        pipeline.withConcurrency(1, "--concurrency"),
                        pipeline.select(null, "broken")));
    assertEquals(
        alone.getMessage().replaceAll("\\d+", "N"), atOnce.getMessage().replaceAll("\\d+", "N"));
    assertTrue(atOnce.getMessage().startsWith("step 'broken' (job) failed: "), atOnce.getMessage());
    assertEveryLineWhole();
  }

  private static PipelineReport run(String yaml) {
    PipelineDefinition pipeline = PipelineDefinition.parse(yaml, "p.yaml", dir, Map.of());
    return new PipelineRunner(JobRegistry.load(), env).run(pipeline, pipeline.steps());
  }

  private static void assertEveryLineWhole() {
    for (String line : progress.toString().split("\\R")) {
      assertTrue(PROGRESS_LINE.matcher(line).matches(), () -> "a mixed line: " + line);
    }
  }

  private static String numbers(int rows) {
    StringBuilder csv = new StringBuilder("n\n");
    for (int i = 1; i <= rows; i++) {
      csv.append(i).append('\n');
    }
    return csv.toString();
  }

  private static String partFiles(Path output) throws IOException {
    try (Stream<Path> files = Files.list(output)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("part-"))
          .sorted()
          .map(
              p -> {
                try {
                  return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .collect(Collectors.joining());
    }
  }

  private static long countIn(Path parquet) {
    return env.engines().spark().read().parquet(parquet.toString()).first().getLong(0);
  }
}
