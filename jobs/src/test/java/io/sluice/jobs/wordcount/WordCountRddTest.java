package io.sluice.jobs.wordcount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.LocalEngines;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.SqlState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WordCount on a small input with one output partition runs on RDDs alone ({@link WordCountRdd}),
 * sorting in its one task or through one shuffle, and writes what the Spark SQL plan writes: the
 * same bytes, file names and counts, from the same files (Spark's listing rules, not MapReduce's)
 * and lines ({@code \r}, {@code \r\n}, no final newline, gzip, bytes that are not UTF-8, characters
 * above U+FFFF), without building Spark SQL's session state.
 */
class WordCountRddTest {

  @TempDir Path dir;

  @Test
  void theRddPathWritesWhatTheSqlPlanWritesWithoutSparkSql() throws IOException {
    Path input = trickyInput();
    try (EngineContext context = LocalEngines.sizedFromInput()) {
      WordCountJob job = new WordCountJob();
      StageCounter stages = new StageCounter();
      context.sparkContext().addSparkListener(stages);
      // One split of a few hundred bytes: its one task sorts its own tallies, one stage.
      RunSummary.Counts rdd = run(job, context, input, dir.resolve("rdd"), "1");
      assertEquals(1, stages.submitted(context), "stages of one small split");
      // Splits of about 16 bytes: several tasks, one shuffle into the sorting task, two stages.
      Configuration hadoop = context.sparkContext().hadoopConfiguration();
      hadoop.setLong(FileInputFormat.SPLIT_MAXSIZE, 16);
      RunSummary.Counts shuffled = run(job, context, input, dir.resolve("shuffled"), "1");
      hadoop.unset(FileInputFormat.SPLIT_MAXSIZE);
      assertEquals(2, stages.submitted(context), "stages of several splits: no sampling job");
      context.sparkContext().removeSparkListener(stages);
      assertTrue(SqlState.noSession(), "the RDD path built a SparkSession");
      // Two output partitions take the Spark SQL plan, whose part files concatenate to the same.
      RunSummary.Counts sql = run(job, context, input, dir.resolve("sql"), "2");
      assertTrue(SqlState.built(SqlState.defaultSession()), "the plan runs on Spark SQL");

      String expected =
          "a\t2\nbad\uFFFD\uFFFDword\t1\nc\t1\ncaf\uFFFD\t1\ngz\t2\nkv\t1\nmeta\t1\nnoeol\t1\n"
              + "x\t1\nz\t1\n\u00e9t\uFFFD\t1\n\uFFFDs\t1\n\uD834\uDD1E\t1\n";
      byte[] rddBytes = partFiles(dir.resolve("rdd"));
      assertEquals(expected, new String(rddBytes, StandardCharsets.UTF_8));
      assertArrayEquals(partFiles(dir.resolve("sql")), rddBytes, "the SQL plan's bytes");
      assertArrayEquals(rddBytes, partFiles(dir.resolve("shuffled")), "the shuffle's bytes");
      for (RunSummary.Counts other : List.of(sql, shuffled)) {
        assertEquals(
            List.of(other.read(), other.accepted(), other.rejected(), other.written()),
            List.of(rdd.read(), rdd.accepted(), rdd.rejected(), rdd.written()));
        assertEquals(other.bytesOut(), rdd.bytesOut());
      }
      assertEquals(11, rdd.read(), "lines read");
      assertEquals(
          List.of("_SUCCESS", "part-00000-UUID-c000.txt"), names(dir.resolve("rdd")), "files");
    }
  }

  @Test
  void aUsersShufflePartitionsOnATinyInputStillTakeSparkSqlsPlan() throws IOException {
    Path input = Files.writeString(dir.resolve("tiny.txt"), "b a b\n");
    EngineContext.Builder given =
        LocalEngines.builder()
            .jarExtensions(false)
            .sizedFromInput(8, 2)
            .sparkConf("spark.sql.shuffle.partitions", "2");
    try (EngineContext context = given.build()) {
      RunSummary.Counts counts = run(new WordCountJob(), context, input, dir.resolve("o"), "1");
      assertFalse(SqlState.noSession(), "two shuffle partitions, the user's: the SQL plan");
      assertTrue(SqlState.built(SqlState.defaultSession()), "the plan runs on Spark SQL");
      assertEquals(2, context.spark().sessionState().conf().numShufflePartitions());
      assertEquals("a\t1\nb\t2\n", new String(partFiles(dir.resolve("o")), StandardCharsets.UTF_8));
      assertEquals(List.of(1L, 2L), List.of(counts.read(), counts.written()));
    }
  }

  @Test
  void anInputWithoutWordsWritesOneEmptyPartFile() throws IOException {
    Path input = Files.writeString(dir.resolve("blank.txt"), "\n  \n\t\n");
    try (EngineContext context = LocalEngines.sizedFromInput()) {
      RunSummary.Counts counts = run(new WordCountJob(), context, input, dir.resolve("o"), "1");
      assertEquals(List.of(3L, 0L), List.of(counts.read(), counts.written()));
      assertEquals(List.of("_SUCCESS", "part-00000-UUID-c000.txt"), names(dir.resolve("o")));
      assertEquals(0, partFiles(dir.resolve("o")).length);
    }
  }

  private static final class StageCounter extends SparkListener {
    private final AtomicInteger submitted = new AtomicInteger();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
      submitted.incrementAndGet();
    }

    /** Stages submitted since the last call, once the listener bus has delivered them. */
    int submitted(EngineContext context) {
      try {
        context.sparkContext().listenerBus().waitUntilEmpty(60_000);
      } catch (TimeoutException e) {
        throw new IllegalStateException(e);
      }
      return submitted.getAndSet(0);
    }
  }

  /** Files Spark SQL's text source reads and files it skips, with awkward lines. */
  private Path trickyInput() throws IOException {
    Path in = dir.resolve("in");
    Files.createDirectories(in.resolve("sub/.hidden"));
    Files.createDirectories(in.resolve("_k=v"));
    Files.createDirectories(in.resolve("_metadata"));
    Files.createDirectories(in.resolve("_tmp"));
    Files.write(
        in.resolve("a.txt"),
        new byte[] {
          'a',
          ' ',
          'c',
          '\r',
          'a',
          '\r',
          '\n',
          'b',
          'a',
          'd',
          (byte) 0xff,
          (byte) 0xfe,
          'w',
          'o',
          'r',
          'd',
          '\n',
          'c',
          'a',
          'f',
          (byte) 0xc3,
          ' ',
          (byte) 0xc3,
          (byte) 0xa9,
          't',
          (byte) 0xe9,
          '\n',
          (byte) 0xed,
          (byte) 0xa0,
          (byte) 0x80,
          's',
          '\n'
        });
    Files.writeString(in.resolve("sub/b.txt"), "\uD834\uDD1E z\tx\n\n", StandardCharsets.UTF_8);
    Files.writeString(in.resolve("sub/noeol.txt"), "noeol");
    Files.writeString(in.resolve("_k=v/c.txt"), "kv\n");
    Files.writeString(in.resolve("_metadata/d.txt"), "meta\n");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(in.resolve("e.txt.gz")))) {
      gz.write("gz gz\n".getBytes(StandardCharsets.UTF_8));
    }
    for (String skipped :
        List.of(
            "sub/.hidden/f.txt",
            ".g.txt",
            "_h.txt",
            "i.txt._COPYING_",
            "_tmp/j.txt",
            "_metadata_k")) {
      Files.writeString(in.resolve(skipped), "skipped\n");
    }
    return in;
  }

  private static RunSummary.Counts run(
      WordCountJob job, EngineContext context, Path input, Path output, String reducers) {
    Map<String, String> raw =
        Map.of("input", input.toString(), "output", output.toString(), "reducers", reducers);
    return job.run(Engine.SPARK, JobParameters.of(job, raw), context);
  }

  private static byte[] partFiles(Path directory) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (Path part : list(directory)) {
      if (part.getFileName().toString().startsWith("part-")) {
        bytes.write(Files.readAllBytes(part));
      }
    }
    return bytes.toByteArray();
  }

  /** Visible file names, each write's UUID replaced by {@code UUID}. */
  private static List<String> names(Path directory) throws IOException {
    return list(directory).stream()
        .map(p -> p.getFileName().toString())
        .filter(name -> !name.startsWith("."))
        .map(name -> name.replaceAll("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "UUID"))
        .toList();
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }
}
