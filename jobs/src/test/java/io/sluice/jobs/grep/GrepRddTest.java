package io.sluice.jobs.grep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.LocalEngines;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.SqlState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grep on a small input with one output partition runs on RDDs alone ({@link GrepRdd}) and writes
 * what the Spark SQL plan writes (count descending, then the match's UTF-8 bytes; lines decoded as
 * Spark SQL decodes them), without building Spark SQL's session state.
 */
class GrepRddTest {

  @TempDir Path dir;

  @Test
  void theRddPathWritesWhatTheSqlPlanWritesWithoutSparkSql() throws IOException {
    Path in = dir.resolve("in");
    Files.createDirectories(in.resolve("_k=v"));
    Files.write(
        in.resolve("a.txt"),
        new byte[] {
          'a',
          'b',
          ' ',
          'a',
          'c',
          '\r',
          'a',
          'b',
          '\r',
          '\n',
          'a',
          (byte) 0xff,
          'b',
          ' ',
          'a',
          (byte) 0xc3,
          (byte) 0xa9,
          '\n'
        });
    Files.writeString(in.resolve("_k=v/b.txt"), "a\uD834\uDD1E ab a\u00e9\nno\n");
    Files.writeString(in.resolve("_skipped.txt"), "ab ab ab ab\n");
    try (EngineContext context = LocalEngines.sizedFromInput()) {
      GrepJob job = new GrepJob();
      RunSummary.Counts rdd = run(job, context, in, dir.resolve("rdd"), "1");
      assertTrue(SqlState.noSession(), "the RDD path built a SparkSession");
      RunSummary.Counts sql = run(job, context, in, dir.resolve("sql"), "2");
      assertTrue(SqlState.built(SqlState.defaultSession()), "the plan runs on Spark SQL");

      byte[] rddBytes = partFiles(dir.resolve("rdd"));
      assertEquals(
          "3\tab\n2\ta\u00e9\n1\tac\n1\ta\uFFFD\n1\ta\uD834\uDD1E\n",
          new String(rddBytes, StandardCharsets.UTF_8));
      assertArrayEquals(partFiles(dir.resolve("sql")), rddBytes, "the SQL plan's bytes");
      assertEquals(
          List.of(sql.read(), sql.accepted(), sql.rejected(), sql.written(), sql.bytesOut()),
          List.of(rdd.read(), rdd.accepted(), rdd.rejected(), rdd.written(), rdd.bytesOut()));
      assertEquals(List.of(5L, 5L), List.of(rdd.read(), rdd.written()));
    }
  }

  private static RunSummary.Counts run(
      GrepJob job, EngineContext context, Path input, Path output, String reducers) {
    Map<String, String> raw =
        Map.of(
            "input",
            input.toString(),
            "output",
            output.toString(),
            "pattern",
            "a\\S",
            "reducers",
            reducers);
    return job.run(Engine.SPARK, JobParameters.of(job, raw), context);
  }

  private static byte[] partFiles(Path directory) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path part : files.sorted().toList()) {
        if (part.getFileName().toString().startsWith("part-")) {
          bytes.write(Files.readAllBytes(part));
        }
      }
    }
    return bytes.toByteArray();
  }
}
