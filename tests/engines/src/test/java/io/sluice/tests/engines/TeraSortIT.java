package io.sluice.tests.engines;

import static io.sluice.tests.engines.TeraReference.RECORD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.RunSummary;
import io.sluice.testing.MiniDfs;
import io.sluice.testing.Sluice;
import io.sluice.testing.SluiceTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sluice's teragen, terasort and teravalidate on both engines, held against Hadoop's own TeraGen,
 * TeraSort, TeraChecksum and TeraValidate (hadoop-mapreduce-examples, local job runner): our sort
 * of Hadoop's data passes Hadoop's TeraValidate with the input's checksum, our generated data is
 * Hadoop's byte for byte and Hadoop's TeraSort sorts it, from local files, from HDFS and through
 * spark-submit; a file ending in a short record has that record rejected with file and offset.
 */
@SluiceTest
class TeraSortIT {

  @TempDir static java.nio.file.Path work;

  private static final Configuration CONF = TeraReference.localConf();

  private static Sluice sluice;
  private static FileSystem local;

  /** Hadoop's TeraGen output and its TeraChecksum, by row count. */
  private static final Map<Integer, Path> HADOOP_DATA = new HashMap<>();

  private static final Map<Integer, String> HADOOP_CHECKSUM = new HashMap<>();

  @BeforeAll
  static void start(Sluice runner) throws Exception {
    sluice = runner;
    local = FileSystem.getLocal(CONF);
    for (int rows : new int[] {10_000, 50_000}) {
      Path data = path("hadoop-teragen-" + rows);
      TeraReference.hadoopTeraGen(CONF, rows, 3, data);
      HADOOP_DATA.put(rows, data);
      HADOOP_CHECKSUM.put(
          rows, TeraReference.hadoopTeraChecksum(CONF, data, path("hadoop-checksum-" + rows)));
    }
  }

  @ParameterizedTest(name = "{0} rows into {1} partitions")
  @CsvSource({"10000, 2", "10000, 5", "50000, 2", "50000, 5"})
  void bothEnginesSortHadoopsTeraGenIntoOutputHadoopsTeraValidateAccepts(int rows, int partitions)
      throws Exception {
    Path input = HADOOP_DATA.get(rows);
    byte[] expected = TeraReference.sorted(TeraReference.partFiles(local, input));

    for (Engine engine : Engine.values()) {
      Path output = path("sorted-" + rows + "-" + partitions + "-" + engine);
      RunSummary summary =
          run("terasort", engine, "input", input, "output", output, "partitions", partitions);

      assertCounts(summary, rows, rows, 0, rows);
      assertEquals((long) rows * RECORD, summary.counts().bytesIn(), summary.toLine());
      assertEquals(
          partitions,
          TeraReference.partCount(local, output),
          engine + ": one part file per key range");

      List<String> report =
          TeraReference.hadoopTeraValidate(CONF, output, path("validate-" + output.getName()));
      assertEquals(
          List.of(), TeraReference.errors(report), engine + ": Hadoop's TeraValidate found errors");
      assertEquals(
          HADOOP_CHECKSUM.get(rows),
          TeraReference.value(report, "checksum"),
          engine + ": Hadoop's TeraValidate checksum differs from the input's TeraChecksum");
      assertArrayEquals(
          expected,
          TeraReference.partFiles(local, output),
          engine + " output is not the sorted input");
    }
  }

  @Test
  void teraGenWritesHadoopsTeraGenBytesOnBothEngines() throws Exception {
    byte[] hadoops = TeraReference.partFiles(local, HADOOP_DATA.get(10_000));
    Map<Engine, Integer> partitions = Map.of(Engine.MAPREDUCE, 4, Engine.SPARK, 2);
    for (Engine engine : Engine.values()) {
      Path output = path("teragen-" + engine);
      RunSummary summary =
          run(
              "teragen",
              engine,
              "rows",
              10_000,
              "output",
              output,
              "partitions",
              partitions.get(engine));
      assertCounts(summary, 10_000, 10_000, 0, 10_000);
      assertEquals(partitions.get(engine), TeraReference.partCount(local, output));
      assertArrayEquals(
          hadoops,
          TeraReference.partFiles(local, output),
          engine + " teragen differs from Hadoop's");
    }
  }

  @Test
  void hadoopsTeraSortSortsOurTeraGenAndBothValidatorsAgree() throws Exception {
    Path generated = path("our-teragen");
    run("teragen", Engine.SPARK, "rows", 10_000, "output", generated, "partitions", 3);
    Path hadoopSorted = path("hadoop-terasort-of-ours");
    TeraReference.hadoopTeraSort(CONF, generated, hadoopSorted);

    List<String> hadoopReport =
        TeraReference.hadoopTeraValidate(
            CONF, hadoopSorted, path("hadoop-validate-of-hadoop-sort"));
    assertEquals(List.of(), TeraReference.errors(hadoopReport));
    String checksum = TeraReference.value(hadoopReport, "checksum");
    assertEquals(
        HADOOP_CHECKSUM.get(10_000),
        checksum,
        "our TeraGen data has another checksum than Hadoop's");

    Map<Engine, List<String>> ours = new LinkedHashMap<>();
    for (Engine engine : Engine.values()) {
      Path report = path("our-validate-" + engine);
      RunSummary summary = run("teravalidate", engine, "input", hadoopSorted, "output", report);
      assertCounts(summary, 10_000, 10_000, 0, 2);
      ours.put(engine, TeraReference.lines(local, report));
    }
    assertEquals(List.of("records\t10000", "checksum\t" + checksum), ours.get(Engine.MAPREDUCE));
    assertEquals(ours.get(Engine.MAPREDUCE), ours.get(Engine.SPARK));

    // Unsorted data: misorders are reported (the checksum still matches: it ignores order).
    Path unsortedReport = path("our-validate-unsorted");
    run("teravalidate", Engine.SPARK, "input", generated, "output", unsortedReport);
    List<String> report = TeraReference.lines(local, unsortedReport);
    assertTrue(
        report
            .get(0)
            .matches(
                "error\tmisorder in .*/part-r-00000 at byte \\d+: key \\p{XDigit}{20} sorts before"
                    + " the previous key \\p{XDigit}{20}"),
        report.get(0));
    assertEquals(checksum, TeraReference.value(report, "checksum"));
  }

  @Test
  void sortsFromHdfsToHdfs(MiniDfs dfs) throws Exception {
    Configuration conf = new Configuration();
    FileSystem hdfs = dfs.fileSystem();
    String uri = dfs.uri();
    FileUtil.copy(local, HADOOP_DATA.get(10_000), hdfs, new Path("/tera/in"), false, conf);

    Path output = new Path(uri + "/tera/sorted");
    RunSummary summary =
        run(
            "terasort",
            Engine.SPARK,
            "input",
            new Path(uri + "/tera/in"),
            "output",
            output,
            "partitions",
            3);
    assertCounts(summary, 10_000, 10_000, 0, 10_000);
    assertArrayEquals(
        TeraReference.sorted(TeraReference.partFiles(local, HADOOP_DATA.get(10_000))),
        TeraReference.partFiles(hdfs, output));

    List<String> report =
        TeraReference.hadoopTeraValidate(CONF, output, new Path(uri + "/tera/validate"));
    assertEquals(List.of(), TeraReference.errors(report));
    assertEquals(HADOOP_CHECKSUM.get(10_000), TeraReference.value(report, "checksum"));
  }

  @Test
  void sparkSubmitRunsTheSortFromTheJobJar() throws Exception {
    // Hadoop's TeraGen of 10,000 rows in 3 files, sorted into 3 partitions.
    SubmittedJobs.Submitted result = SubmittedJobs.of("terasort");
    Path input = new Path(result.input().toUri());
    Path output = new Path(result.output().toUri());
    assertTrue(
        result
            .stdout()
            .contains("terasort [spark] done: read=10000 accepted=10000 rejected=0 written=10000"),
        result.stdout());
    assertArrayEquals(
        TeraReference.sorted(TeraReference.partFiles(local, input)),
        TeraReference.partFiles(local, output));
  }

  @Test
  void shortRecordIsRejectedWithItsFileAndOffsetAndTheRestIsSorted() throws Exception {
    byte[] data = TeraReference.partFiles(local, HADOOP_DATA.get(10_000));
    java.nio.file.Path corrupt = Files.createDirectories(work.resolve("corrupt"));
    Files.write(corrupt.resolve("part-a"), Arrays.copyOfRange(data, 0, 600_000));
    // 3,999 whole records, then 37 bytes of the 4,000th.
    Files.write(corrupt.resolve("part-b"), Arrays.copyOfRange(data, 600_000, data.length - 63));
    Path input = new Path(corrupt.toUri());
    byte[] expected = TeraReference.sorted(Arrays.copyOf(data, data.length - RECORD));

    for (Engine engine : Engine.values()) {
      Path output = path("sorted-corrupt-" + engine);
      RunSummary summary =
          run("terasort", engine, "input", input, "output", output, "partitions", 2);
      assertCounts(summary, 10_000, 9_999, 1, 9_999);
      assertArrayEquals(
          expected, TeraReference.partFiles(local, output), engine + ": the whole records, sorted");
      String rejected =
          Files.readString(
              java.nio.file.Path.of(output.toUri())
                  .resolve("_rejected")
                  .resolve("short-records.jsonl"),
              StandardCharsets.UTF_8);
      assertTrue(
          rejected.matches(
              "\\{\"source\":\"file:/[^\"]*/corrupt/part-b\",\"position\":399900,\"field\":null,"
                  + "\"reason\":\"short record: the file ends 37 bytes into a 100-byte record\",\"record\":\"\\p{XDigit}{74}\"}\n"),
          rejected);
    }

    Path report = path("our-validate-corrupt");
    RunSummary summary = run("teravalidate", Engine.MAPREDUCE, "input", input, "output", report);
    assertCounts(summary, 10_000, 9_999, 1, summary.counts().written());
    List<String> lines = TeraReference.lines(local, report);
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "error\tshort record in file:/.*/corrupt/part-b at byte 399900:"
                            + " the file ends 37 bytes into a 100-byte record")),
        String.join("\n", lines));
    assertEquals("9999", TeraReference.value(lines, "records"));
  }

  @Test
  void equalKeysAreOrderedByTheirValuesOnBothEngines() throws Exception {
    // Records with only four distinct keys: the order among equal keys must not depend on the
    // engine.
    Random random = new Random(7);
    byte[] data = new byte[2_000 * RECORD];
    random.nextBytes(data);
    for (int r = 0; r < 2_000; r++) {
      Arrays.fill(data, r * RECORD, r * RECORD + 10, (byte) (0x7e + r % 4));
    }
    java.nio.file.Path file = Files.createDirectories(work.resolve("equal-keys")).resolve("data");
    Files.write(file, data);
    Path input = new Path(file.toUri());

    for (Engine engine : Engine.values()) {
      Path output = path("sorted-equal-keys-" + engine);
      run("terasort", engine, "input", input, "output", output, "partitions", 3);
      assertArrayEquals(
          TeraReference.sorted(data), TeraReference.partFiles(local, output), engine.toString());
    }
  }

  private static RunSummary run(String job, Engine engine, Object... nameValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      parameters.put((String) nameValues[i], nameValues[i + 1].toString());
    }
    return sluice.run(job, engine, parameters);
  }

  private static void assertCounts(
      RunSummary summary, long read, long accepted, long rejected, long written) {
    RunSummary.Counts c = summary.counts();
    assertEquals(
        List.of(read, accepted, rejected, written),
        List.of(c.read(), c.accepted(), c.rejected(), c.written()),
        "read, accepted, rejected, written of " + summary.toLine());
  }

  private static Path path(String name) {
    return new Path(work.resolve(name).toUri());
  }
}
