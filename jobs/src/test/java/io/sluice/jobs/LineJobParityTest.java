package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One line job ({@link CityCountJob}) on both engines through the SDK's line readers ({@code
 * ParsedLines} on Spark, {@code MapReduceLines} with a {@code ParsingMapper} on MapReduce): the
 * same part-file bytes, the same counts (header lines are not records) and the same rejected
 * records with file, line and reason. The three small files share one combined split, so each
 * rejected line keeping its own file and line number shows combining loses nothing.
 */
class LineJobParityTest {

  private static EngineContext context;

  @TempDir static Path dir;

  private static Path input;

  @BeforeAll
  static void setUp() throws IOException {
    context = LocalEngines.context();
    input = dir.resolve("in");
    Files.createDirectories(input.resolve("more"));
    Files.writeString(
        input.resolve("a.csv"),
        String.join("\n", "city,visits", "Oslo,3", "Lima,1", "Oslo,x", "Quito,2", ",4", "Oslo,7")
            + "\n");
    // Non-ASCII cities: both engines order by UTF-8 bytes, so "Århus" comes after "Zürich".
    Files.writeString(
        input.resolve("more/c.csv"),
        String.join("\n", "city,visits", "Lima,5", "Lima;5", "Zürich,1", "Århus,2", "Quito,1"),
        StandardCharsets.UTF_8);
    Files.writeString(input.resolve("d.csv"), "Oslo,1\r\nLima,2\r\n");
    // Hidden from both engines' listings.
    Files.writeString(input.resolve("_notes.csv"), "not,a,record\n");
    Files.writeString(input.resolve(".draft.csv"), "Nowhere,1\n");
  }

  @AfterAll
  static void stopEngines() {
    context.close();
  }

  @Test
  void sparkAndMapReduceWriteTheSameBytesCountsAndRejectedRecords() throws IOException {
    CityCountJob job = new CityCountJob();
    Path sparkOut = dir.resolve("spark");
    Path mapReduceOut = dir.resolve("mapreduce");

    RunSummary.Counts spark = run(job, Engine.SPARK, sparkOut);
    RunSummary.Counts mapReduce = run(job, Engine.MAPREDUCE, mapReduceOut);

    String expected = "Lima\t2\nOslo\t2\nQuito\t1\nÅrhus\t1\n";
    assertEquals(expected, new String(partFiles(sparkOut), StandardCharsets.UTF_8), "Spark");
    assertArrayEquals(partFiles(sparkOut), partFiles(mapReduceOut), "MapReduce differs from Spark");

    // 13 lines that are records (two headers are not): 6 accepted, 7 rejected; 4 cities written.
    for (RunSummary.Counts counts : List.of(spark, mapReduce)) {
      assertEquals(
          List.of(13L, 6L, 7L, 4L),
          List.of(counts.read(), counts.accepted(), counts.rejected(), counts.written()),
          counts.toString());
    }
    assertEquals(spark.bytesIn(), mapReduce.bytesIn());

    String a = "file:" + input.resolve("a.csv");
    String c = "file:" + input.resolve("more/c.csv");
    String d = "file:" + input.resolve("d.csv");
    List<String> expectedRejected =
        sorted(
            List.of(
                json(a, 3, "visits", "fewer than 2 visits", "Lima,1"),
                json(a, 4, "visits", "not a number: 'x'", "Oslo,x"),
                json(a, 6, "city", "empty city", ",4"),
                json(c, 3, null, "expected 2 fields, got 1", "Lima;5"),
                json(c, 4, "visits", "fewer than 2 visits", "Zürich,1"),
                json(c, 6, "visits", "fewer than 2 visits", "Quito,1"),
                json(d, 1, null, "the first line is not the header 'city,visits'", "Oslo,1")));
    assertEquals(expectedRejected, rejected(sparkOut), "Spark");
    assertEquals(expectedRejected, rejected(mapReduceOut), "MapReduce");
  }

  private static RunSummary.Counts run(SluiceJob job, Engine engine, Path output) {
    return job.run(
        engine,
        JobParameters.of(
            job, Map.of("input", input.toString(), "output", output.toString(), "min-visits", "2")),
        context);
  }

  private static String json(String source, long line, String field, String reason, String record) {
    return new RejectedRecord(source, line, field, reason, record).toJson();
  }

  /** The {@code part-*} files directly under a directory, concatenated in name order. */
  private static byte[] partFiles(Path directory) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (Path part : parts(directory)) {
      bytes.write(Files.readAllBytes(part));
    }
    return bytes.toByteArray();
  }

  /** The lines of the {@code part-*} files under {@code _rejected/}, sorted. */
  private static List<String> rejected(Path output) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path part : parts(output.resolve(RejectedRecord.DIRECTORY))) {
      lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
    }
    return sorted(lines);
  }

  private static List<Path> parts(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }
}
