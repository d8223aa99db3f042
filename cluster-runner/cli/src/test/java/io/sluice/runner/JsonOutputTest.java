package io.sluice.runner;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.RunArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global {@code --json}, in-process: each command's result parsed back with Jackson, the flag
 * given before the command or after it. ({@code s3 ls} is covered by S3CommandTest, beside its
 * endpoint; {@code ml train} and {@code ml predict} by tests/pipelines' MlEndToEndIT, beside its
 * Spark run.)
 */
class JsonOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Every line of stdout as a JSON object; fails on a line that is not one. */
  private static List<JsonNode> objects(CliOutcome o) throws Exception {
    assertEquals(ExitCode.OK, o.code, o.toString());
    List<JsonNode> objects = new ArrayList<>();
    for (String line : o.out.lines().toList()) {
      JsonNode node = JSON.readTree(line);
      assertTrue(node.isObject(), line);
      objects.add(node);
    }
    assertFalse(objects.isEmpty(), o.toString());
    return objects;
  }

  /** The one JSON object a command printed: its summary. */
  private static JsonNode onlyObject(CliOutcome o) throws Exception {
    List<JsonNode> objects = objects(o);
    assertEquals(1, objects.size(), o.out);
    return objects.get(0);
  }

  @Test
  void jobsPrintsOneObjectPerJobWhereverTheFlagIs() throws Exception {
    for (String[] args :
        List.of(new String[] {"--json", "jobs"}, new String[] {"jobs", "--json"})) {
      JsonNode wordcount =
          objects(sluice(args)).stream()
              .filter(j -> j.get("job").asText().equals("wordcount"))
              .findFirst()
              .orElseThrow();
      assertEquals("[\"mapreduce\",\"spark\"]", wordcount.get("engines").toString());
      assertEquals("built-in", wordcount.get("from").asText());
      assertFalse(wordcount.get("description").asText().isEmpty());
    }
    assertTrue(sluice("jobs").out.startsWith("JOB "), "text without --json");
  }

  @Test
  void runPrintsTheSummaryLineAsOneObject() throws Exception {
    Path input = Files.writeString(dir.resolve("in.txt"), "b a b\nc\n");
    CliOutcome o =
        sluice(RunArgs.of("wordcount", "mapreduce", input, dir.resolve("out"), "--json"));
    JsonNode s = onlyObject(o);
    assertEquals("wordcount", s.get("job").asText());
    assertEquals("mapreduce", s.get("engine").asText());
    assertEquals(2, s.get("read").asLong());
    assertEquals(2, s.get("accepted").asLong());
    assertEquals(0, s.get("rejected").asLong());
    assertEquals(3, s.get("written").asLong());
    assertEquals(Files.size(input), s.get("bytesIn").asLong());
    assertTrue(s.get("bytesOut").isIntegralNumber() && s.get("bytesOut").asLong() > 0, o.out);
    assertTrue(s.get("seconds").isNumber(), o.out);
  }

  @Test
  void loadWarehousePrintsItsCountsAsOneObject() throws Exception {
    Path csv = Files.writeString(dir.resolve("cities.csv"), "id,city\n1,Lyon\n2,Nice\n");
    CliOutcome o =
        sluice(
            "load",
            "warehouse",
            "--input",
            csv.toString(),
            "--table",
            "cities",
            "--target",
            "duckdb:" + dir.resolve("wh.duckdb"),
            "--json");
    JsonNode s = onlyObject(o);
    assertEquals("duckdb", s.get("target").asText());
    assertEquals("cities", s.get("table").asText());
    assertEquals(2, s.get("read").asLong());
    assertEquals(2, s.get("loaded").asLong());
    assertEquals(0, s.get("rejected").asLong());
    assertTrue(s.get("bytesIn").asLong() > 0, o.out);
    assertFalse(s.get("skipped").asBoolean());
  }

  @Test
  void pipelineRunPrintsItsSummaryWithOneEntryPerStep() throws Exception {
    Path input = Files.writeString(dir.resolve("in.txt"), "b a b\nc\n");
    Path pipeline =
        Files.writeString(
            dir.resolve("wc.yaml"),
            "name: wc\nsteps:\n  - {name: count, kind: job, job: wordcount, engine: mapreduce,"
                + " options: {input: \""
                + input
                + "\", output: \""
                + dir.resolve("wc")
                + "\"}}\n");
    CliOutcome o = sluice("pipeline", "run", pipeline.toString(), "--json");
    JsonNode report = onlyObject(o);
    assertEquals("wc", report.get("pipeline").asText());
    assertEquals("local", report.get("on").asText());
    assertEquals(1, report.get("stepCount").asInt());
    assertEquals(2, report.get("in").asLong());
    JsonNode step = report.get("steps").get(0);
    assertEquals("count", step.get("step").asText());
    assertEquals(2, step.get("out").asLong());
    assertEquals(3, step.get("written").asLong());
    assertTrue(step.get("seconds").isNumber(), o.out);
  }
}
