package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.etl.EtlJob;
import io.sluice.jobs.logs.AccessLogJob;
import io.sluice.jobs.tera.TeraGenJob;
import io.sluice.jobs.wordcount.WordCountJob;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobParametersTest {

  private final Job wordcount = new WordCountJob();

  @Test
  void defaultsApplyAndTypesAreChecked() {
    JobParameters p =
        JobParameters.of(wordcount, Map.of("input", "in", "output", "hdfs://nn:8020/out"));
    assertEquals(1, p.intValue("reducers"));
    assertFalse(p.flag("overwrite"));
    assertEquals("hdfs://nn:8020/out", p.location("output").toString());

    BadInputException e =
        assertThrows(
            BadInputException.class,
            () ->
                JobParameters.of(
                    wordcount, Map.of("input", "in", "output", "out", "reducers", "two")));
    assertEquals("--reducers expects int, got 'two'", e.getMessage());
  }

  @Test
  void missingAndUnknownParametersAreNamed() {
    BadInputException missing =
        assertThrows(
            BadInputException.class, () -> JobParameters.of(wordcount, Map.of("input", "in")));
    assertEquals("job 'wordcount' needs --output", missing.getMessage());
    BadInputException unknown =
        assertThrows(
            BadInputException.class,
            () ->
                JobParameters.of(wordcount, Map.of("input", "in", "output", "o", "colour", "red")));
    assertTrue(
        unknown.getMessage().startsWith("job 'wordcount' has no parameter --colour"),
        unknown.getMessage());
  }

  @Test
  void parsesSubmitStyleArguments() {
    JobParameters p =
        JobParameters.parseArgs(
            wordcount,
            new String[] {
              "--input", "a b", "--output=s3://bucket/out", "--overwrite", "--reducers", "3"
            });
    assertEquals("a b", p.string("input"));
    assertEquals("s3a://bucket/out", p.location("output").toString());
    assertTrue(p.flag("overwrite"));
    assertEquals(3, p.intValue("reducers"));
    assertThrows(
        BadInputException.class, () -> JobParameters.parseArgs(wordcount, new String[] {"stray"}));
    assertThrows(
        BadInputException.class,
        () -> JobParameters.parseArgs(wordcount, new String[] {"--input"}));
  }

  @Test
  void badLocationIsABadInput() {
    JobParameters p = JobParameters.of(wordcount, Map.of("input", "ftp://host/x", "output", "o"));
    BadInputException e = assertThrows(BadInputException.class, () -> p.location("input"));
    assertTrue(
        e.getMessage().startsWith("--input: invalid location 'ftp://host/x'"), e.getMessage());
  }

  @Test
  void rangesNameTheParameterAndTheBound() {
    Job job = new RangedJob();
    assertEquals(3, JobParameters.of(job, Map.of("reducers", "3")).intValue("reducers"));
    assertEquals(
        1,
        JobParameters.of(job, Map.of("reducers", " 1 ")).intValue("reducers"),
        "the bound itself is allowed");
    assertEquals(8, JobParameters.of(job, Map.of("reducers", "8")).intValue("reducers"));
    assertEquals(
        "--reducers must be at least 1, got 0",
        assertThrows(BadInputException.class, () -> JobParameters.of(job, Map.of("reducers", "0")))
            .getMessage());
    assertEquals(
        "--reducers must be at most 8, got 9",
        assertThrows(BadInputException.class, () -> JobParameters.of(job, Map.of("reducers", "9")))
            .getMessage());
    assertEquals(
        "--rows must be at least 0, got -1",
        assertThrows(BadInputException.class, () -> JobParameters.of(job, Map.of("rows", "-1")))
            .getMessage());
    assertEquals(2_000_000L, JobParameters.of(job, Map.of("rows", "2_000_000")).longValue("rows"));
    assertEquals(
        "--rows expects long, got 'many'",
        assertThrows(BadInputException.class, () -> JobParameters.of(job, Map.of("rows", "many")))
            .getMessage());
  }

  @Test
  void choicesAreMatchedIgnoringCaseAndReturnedAsDeclared() {
    Job job = new RangedJob();
    assertEquals(
        "csv", JobParameters.of(job, Map.of()).string("format"), "the default is checked too");
    assertEquals("jsonl", JobParameters.of(job, Map.of("format", "JsonL")).string("format"));
    assertEquals("csv", JobParameters.of(job, Map.of("format", " CSV ")).string("format"));
    assertEquals(
        "--format must be one of csv, jsonl; got 'xml'",
        assertThrows(BadInputException.class, () -> JobParameters.of(job, Map.of("format", "xml")))
            .getMessage());
    assertEquals(
        "--format must not be empty",
        assertThrows(BadInputException.class, () -> JobParameters.of(job, Map.of("format", " ")))
            .getMessage());
  }

  @Test
  void rangesAndChoicesOnlyFitTheirTypes() {
    JobParameter text = JobParameter.optional("name", JobParameter.Type.STRING, "A name", null);
    assertEquals(
        "--name: only INT and LONG parameters have a range",
        assertThrows(IllegalArgumentException.class, () -> text.atLeast(1)).getMessage());
    JobParameter count = JobParameter.optional("count", JobParameter.Type.INT, "A count", "1");
    assertEquals(
        "--count: only STRING parameters have choices",
        assertThrows(IllegalArgumentException.class, () -> count.oneOf("1", "2")).getMessage());
    JobParameter ranged = count.atLeast(1).atMost(4);
    assertEquals(1L, ranged.min());
    assertEquals(4L, ranged.max());
  }

  @Test
  void catalogJobsDeclareTheirRangesAndChoices() {
    assertEquals(
        "--reducers must be at least 1, got 0",
        assertThrows(
                BadInputException.class,
                () ->
                    JobParameters.of(
                        wordcount, Map.of("input", "in", "output", "out", "reducers", "0")))
            .getMessage());
    Job logs = new AccessLogJob();
    assertEquals(
        "--top must be at least 1, got 0",
        assertThrows(
                BadInputException.class,
                () -> JobParameters.of(logs, Map.of("input", "in", "output", "out", "top", "0")))
            .getMessage());
    assertEquals(
        "--format must be one of auto, apache, cloudfront; got 'nginx'",
        assertThrows(
                BadInputException.class,
                () ->
                    JobParameters.of(
                        logs, Map.of("input", "in", "output", "out", "format", "nginx")))
            .getMessage());
    assertEquals(
        "jsonl",
        JobParameters.of(
                new EtlJob(),
                Map.of("input", "in", "output", "out", "schema", "s.yaml", "format", "JSONL"))
            .string("format"));
    assertEquals(
        "--partitions must be at least 1, got 0",
        assertThrows(
                BadInputException.class,
                () ->
                    JobParameters.of(
                        new TeraGenJob(), Map.of("rows", "10", "output", "out", "partitions", "0")))
            .getMessage());
  }

  /** Parameters with a range (both ends), a lower bound only, and choices. */
  private static final class RangedJob implements Job {
    @Override
    public String name() {
      return "ranged";
    }

    @Override
    public String description() {
      return "Declares ranges and choices";
    }

    @Override
    public List<JobParameter> parameters() {
      return List.of(
          JobParameter.optional("reducers", JobParameter.Type.INT, "Reduce tasks", "1")
              .atLeast(1)
              .atMost(8),
          JobParameter.optional("rows", JobParameter.Type.LONG, "Rows", "0").atLeast(0),
          JobParameter.optional("format", JobParameter.Type.STRING, "csv or jsonl", "CSV")
              .oneOf("csv", "jsonl"));
    }

    @Override
    public Set<Engine> engines() {
      return EnumSet.of(Engine.SPARK);
    }

    @Override
    public RunSummary.Counts run(Engine engine, JobParameters parameters, EngineContext context) {
      throw new UnsupportedOperationException("parameters only");
    }
  }
}
