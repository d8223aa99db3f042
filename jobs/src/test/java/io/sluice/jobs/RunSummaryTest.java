package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

  @Test
  void countsThatDoNotAddUpFail() {
    RunSummary.Counts lost = new RunSummary.Counts(10, 8, 1, 8, 0, 0);
    AccountingException e = assertThrows(AccountingException.class, () -> lost.verified("etl"));
    assertEquals(
        "etl: records do not add up: read=10 but accepted=8 + rejected=1 = 9", e.getMessage());
    RunSummary.Counts ok = new RunSummary.Counts(10, 9, 1, 4, 0, 0);
    assertEquals(ok, ok.verified("etl"));
  }

  @Test
  void summaryIsOneLineWithRecordsBytesAndTime() {
    RunSummary s =
        new RunSummary(
            "wordcount",
            Engine.SPARK,
            new RunSummary.Counts(1000, 990, 10, 57, 3 * 1024 * 1024, 1536),
            Duration.ofMillis(2345));
    assertEquals(
        "wordcount [spark] done: read=1000 accepted=990 rejected=10 written=57 records,"
            + " in=3.0 MiB out=1.5 KiB, time=2.3s",
        s.toLine());
  }

  @Test
  void enginesParseByName() {
    assertEquals(Engine.MAPREDUCE, Engine.parse(" MapReduce "));
    BadInputException e = assertThrows(BadInputException.class, () -> Engine.parse("flink"));
    assertEquals("unknown engine 'flink'; choose one of: spark, mapreduce", e.getMessage());
  }

  @Test
  void registryFindsWordCountAndNamesUnknownJobs() {
    JobRegistry registry = JobRegistry.load();
    assertEquals("wordcount", registry.find("wordcount").name());
    UnknownJobException e = assertThrows(UnknownJobException.class, () -> registry.find("wordcnt"));
    assertTrue(
        e.getMessage().startsWith("unknown job 'wordcnt'; registered jobs: "), e.getMessage());
    assertTrue(e.getMessage().contains("wordcount"), e.getMessage());
  }
}
