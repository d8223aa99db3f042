package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.AccountingException;
import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.InputNotFoundException;
import io.sluice.jobs.OutputExistsException;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.UnknownJobException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run handle: the runner's summary and checks, and a job's own exception unchanged. */
@SluiceTest
class SluiceIT {

  @AcrossEngines
  void aFailingJobsExceptionIsThrownUnchanged(Sluice sluice, Engine engine, MiniDfs dfs)
      throws Exception {
    try (var out = dfs.fileSystem().create(new org.apache.hadoop.fs.Path("/in/a.txt"), true)) {
      out.write("river\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    InputNotFoundException missing =
        assertThrows(
            InputNotFoundException.class,
            () ->
                sluice.run(
                    "wordcount",
                    engine,
                    Map.of("input", dfs.uri("/nowhere"), "output", dfs.uri("/out"))));
    assertEquals(
        "input not found: --input " + dfs.uri("/nowhere") + " does not exist",
        missing.getMessage());
    BadInputException badRegex =
        assertThrows(
            BadInputException.class,
            () ->
                sluice.run(
                    "grep",
                    engine,
                    Map.of(
                        "input",
                        dfs.uri("/in"),
                        "output",
                        dfs.uri("/out"),
                        "pattern",
                        "river[a-")));
    assertTrue(
        badRegex.getMessage().startsWith("--pattern 'river[a-' is not a valid Java regex"),
        badRegex.getMessage());
  }

  @AcrossStorages(storages = TestStorage.Kind.HDFS)
  void existingOutputNeedsOverwrite(Sluice sluice, TestStorage storage) {
    storage.writeLines("in.txt", List.of("a"));
    Map<String, String> params =
        Map.of("input", storage.uri("in.txt"), "output", storage.uri("out"));
    sluice.run("wordcount", Engine.MAPREDUCE, params);
    assertThrows(OutputExistsException.class, () -> sluice.run("wordcount", Engine.SPARK, params));
  }

  @Test
  void unknownJobsAndBadAccountingFail(Sluice sluice, @TempDir Path dir) {
    assertThrows(
        UnknownJobException.class, () -> sluice.run("no-such-job", Engine.SPARK, Map.of()));
    String out = dir.resolve("out").toString();
    EngineDependentJob badCounts =
        new EngineDependentJob(
            Map.of(Engine.MAPREDUCE, EngineDependentJob.writes(List.of("a"), 3, 1, 1)));
    AccountingException e =
        assertThrows(
            AccountingException.class,
            () -> sluice.run(badCounts, Engine.MAPREDUCE, Map.of("output", out)));
    assertTrue(e.getMessage().contains("records do not add up: read=3"), e.getMessage());
    assertThrows(
        BadInputException.class,
        () -> sluice.run(badCounts, Engine.SPARK, Map.of("output", out + "2")),
        "the runner refuses an engine the job does not run on");
  }

  @Test
  void theSummaryIsTheRunnersWithTheBucketsSettings(Sluice sluice, S3Bucket bucket) {
    TestStorage storage = new TestStorage(TestStorage.Kind.S3, "s3://" + bucket.name());
    storage.writeLines("in/a.txt", List.of("x y", "y"));
    RunSummary run =
        sluice.run(
            sluice.registry().find("wordcount"),
            Engine.MAPREDUCE,
            Map.of("input", bucket.uri("in"), "output", bucket.uri("out")));
    assertEquals("wordcount", run.job());
    assertEquals(Engine.MAPREDUCE, run.engine());
    assertEquals(
        new RunSummary.Counts(2, 2, 0, 2, run.counts().bytesIn(), run.counts().bytesOut()),
        run.counts());
    assertEquals(6, run.counts().bytesIn());
    assertTrue(
        run.toLine()
            .startsWith("wordcount [mapreduce] done: read=2 accepted=2 rejected=0 written=2"),
        run.toLine());
    assertEquals(
        bucket.endpoint(),
        sluice.hadoopConf().get("fs.s3a.endpoint"),
        "the bucket's settings reach the runs");
    assertSame(sluice.registry().find("wordcount"), sluice.registry().find("wordcount"));
  }
}
