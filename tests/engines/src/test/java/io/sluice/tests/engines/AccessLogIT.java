package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.RunSummary;
import io.sluice.testing.SluiceTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code logs} job on both engines: exact reports for a hand-checked input, byte-identical
 * Spark and MapReduce reports for the sample logs on a MiniDFSCluster and through SparkSubmit,
 * unreadable lines quarantined and counted, and an empty input refused.
 */
@SluiceTest
class AccessLogIT extends OnMiniDfs {

  private static final List<String> REPORTS =
      List.of("os_by_day", "top_uris", "status_codes", "bytes_by_day");
  static final Path SAMPLES =
      Path.of(System.getProperty("sluice.repo.root", "../.."), "sample-data", "logs");

  /** Lines of the sample logs written bad on purpose (sample-data/README.md). */
  private static final int SAMPLE_BAD_LINES = 5;

  private static RunSummary mapReduceOnHdfs;

  @TempDir static Path dir;

  @BeforeAll
  static void copySamples() throws Exception {
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(SAMPLES.toUri()), new org.apache.hadoop.fs.Path("/logs"));
  }

  private static RunSummary run(Engine engine, String input, String output, String... more) {
    Map<String, String> params = new HashMap<>(Map.of("input", input, "output", output));
    for (int i = 0; i < more.length; i += 2) {
      params.put(more[i], more[i + 1]);
    }
    return sluice.run("logs", engine, params);
  }

  /**
   * MapReduce over the sample logs on HDFS, run once and shared by the tests that compare with it.
   */
  private static synchronized RunSummary mapReduceOnHdfs() {
    if (mapReduceOnHdfs == null) {
      mapReduceOnHdfs = run(Engine.MAPREDUCE, hdfs + "/logs", hdfs + "/out/mr");
    }
    return mapReduceOnHdfs;
  }

  @Test
  void handCheckedLogsGiveExactReportsOnBothEnginesAndQuarantineRandomBytes() throws Exception {
    Path in = Files.createDirectories(dir.resolve("hand"));
    byte[] junk = new byte[120];
    new Random(99).nextBytes(junk);
    for (int i = 0; i < junk.length; i++) {
      if (junk[i] == '\n' || junk[i] == '\r') {
        junk[i] = 0x7f; // one line of random bytes, not several
      }
    }
    ByteArrayOutputStream apache = new ByteArrayOutputStream();
    apache.write(
        String.join(
                "\n",
                "10.0.0.1 - - [01/Mar/2024:10:00:00 +0000] \"GET /home?x=1 HTTP/1.1\" 200 100 \"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"",
                "10.0.0.2 - - [01/Mar/2024:23:30:00 -0200] \"GET /home HTTP/1.1\" 200 50 \"-\" \"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)\"",
                "10.0.0.3 - - [02/Mar/2024:08:00:00 +0000] \"POST /api,v1 HTTP/1.1\" 404 - \"-\" \"Mozilla/5.0 (Linux; Android 14)\"",
                "")
            .getBytes(StandardCharsets.UTF_8));
    apache.write(junk);
    apache.write(
        String.join(
                "\n",
                "",
                "10.0.0.4 - - [02/Mar/2024:09:00:00 +0000] \"GET /about HTTP/1.1\" 500 7 \"-\" \"curl/8.5.0\"",
                "10.0.0.5 - - [02/Mar/2024:10:00:00 +0000] \"GET /zeta HTTP/1.1\" 301 0 \"-\" \"Mozilla/5.0 (Windows NT 10.0)\"",
                "")
            .getBytes(StandardCharsets.UTF_8));
    Files.write(in.resolve("a.log"), apache.toByteArray());
    Files.writeString(
        in.resolve("b.log"),
        String.join(
            "\n",
            "#Version: 1.0",
            "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie)",
            "2024-03-01\t12:00:00\tFRA\t1000\t1.2.3.4\tGET\th\t/home\t304\t-\tMozilla/5.0%20(iPhone;%20CPU%20iPhone%20OS%2017_3%20like%20Mac%20OS%20X)\t-\t-",
            "2024-03-02\t12:00:00\tFRA\t20\t1.2.3.4\tGET\th\t/about\t200\t-\tMozilla/5.0%20(X11;%20Linux%20x86_64)\t-\t-",
            "2024-03-02\t13:00:00\tFRA\t5\t1.2.3.4\tGET\th\t/home\t200\t-\t-\t-\t-",
            ""));

    Map<String, String> expected =
        Map.of(
            "os_by_day",
                "date,os,requests\n2024-03-01,Windows,1\n2024-03-01,iOS,1\n2024-03-02,Android,1\n"
                    + "2024-03-02,Linux,1\n2024-03-02,Other,2\n2024-03-02,Windows,1\n2024-03-02,macOS,1\n",
            "top_uris", "rank,uri,requests\n1,/home,4\n2,/about,2\n3,\"/api,v1\",1\n",
            "status_codes", "status,requests\n200,4\n301,1\n304,1\n404,1\n500,1\n",
            "bytes_by_day", "date,bytes\n2024-03-01,1100\n2024-03-02,82\n");
    FileSystem local = FileSystem.getLocal(new Configuration());
    for (Engine engine : List.of(Engine.MAPREDUCE, Engine.SPARK)) {
      Path out = dir.resolve("hand-" + engine);
      RunSummary summary = run(engine, in.toString(), out.toString(), "top", "3");
      assertEquals(
          new RunSummary.Counts(
              9, 8, 1, 17, summary.counts().bytesIn(), summary.counts().bytesOut()),
          summary.counts(),
          summary.toLine());
      for (String report : REPORTS) {
        assertEquals(
            expected.get(report),
            Files.readString(out.resolve(report).resolve("part-00000.csv")),
            engine + " " + report);
      }
      List<String> rejected =
          jsonLines(local, new org.apache.hadoop.fs.Path(out.resolve("_rejected").toUri()));
      assertEquals(1, rejected.size(), rejected.toString());
      String record = rejected.get(0);
      assertTrue(
          record.startsWith(
              "{\"source\":\"file:"
                  + in.resolve("a.log")
                  + "\",\"position\":4,\"field\":null,"
                  + "\"reason\":\"not an Apache log line"),
          record);
      assertTrue(
          record.contains("\\ufffd") || record.contains("\uFFFD"),
          "the raw bytes are kept: " + record);
    }
  }

  @Test
  void sampleLogsOnHdfsGiveByteIdenticalReportsOnBothEngines() throws Exception {
    RunSummary mr = mapReduceOnHdfs();
    RunSummary spark = run(Engine.SPARK, hdfs + "/logs", hdfs + "/out/spark");
    long read = sampleRecords();
    for (RunSummary s : List.of(mr, spark)) {
      // sample-data/README.md: 3 bad Apache lines and one cut-short line per CloudFront file; '#'
      // header lines are not records.
      assertEquals(read, s.counts().read(), s.toLine());
      assertEquals(read - SAMPLE_BAD_LINES, s.counts().accepted(), s.toLine());
      assertEquals(SAMPLE_BAD_LINES, s.counts().rejected(), s.toLine());
      assertEquals(
          fs.getContentSummary(new org.apache.hadoop.fs.Path("/logs")).getLength(),
          s.counts().bytesIn());
    }
    assertEquals(mr.counts().written(), spark.counts().written());
    for (String report : REPORTS) {
      byte[] fromMr =
          read(fs, new org.apache.hadoop.fs.Path("/out/mr/" + report + "/part-00000.csv"));
      byte[] fromSpark =
          read(fs, new org.apache.hadoop.fs.Path("/out/spark/" + report + "/part-00000.csv"));
      assertTrue(fromMr.length > 30, report);
      assertArrayEquals(fromMr, fromSpark, report + " differs between MapReduce and Spark");
    }
    String status =
        new String(
            read(fs, new org.apache.hadoop.fs.Path("/out/mr/status_codes/part-00000.csv")),
            StandardCharsets.UTF_8);
    long requests = status.lines().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum();
    assertEquals(
        read - SAMPLE_BAD_LINES, requests, "every accepted line is in the status mix once");
    String topUris =
        new String(
            read(fs, new org.apache.hadoop.fs.Path("/out/mr/top_uris/part-00000.csv")),
            StandardCharsets.UTF_8);
    assertEquals(11, topUris.lines().count(), "header and the default top 10");

    List<String> mrRejected = jsonLines(fs, new org.apache.hadoop.fs.Path("/out/mr/_rejected"));
    List<String> sparkRejected =
        jsonLines(fs, new org.apache.hadoop.fs.Path("/out/spark/_rejected"));
    assertEquals(mrRejected, sparkRejected);
    assertEquals(SAMPLE_BAD_LINES, mrRejected.size());
    // A TLS handshake, random bytes, a line cut short; then one cut-short line in each CloudFront
    // file.
    assertTrue(
        mrRejected.get(0).contains("/logs/apache/access.log\",\"position\":122,"),
        mrRejected.get(0));
    assertTrue(
        mrRejected.get(1).contains("/logs/apache/access.log\",\"position\":183,"),
        mrRejected.get(1));
    assertTrue(
        mrRejected.get(2).contains("/logs/apache/access.log\",\"position\":244,"),
        mrRejected.get(2));
    for (String cloudFront : mrRejected.subList(3, SAMPLE_BAD_LINES)) {
      assertTrue(
          cloudFront.contains(
              "\",\"position\":54,\"field\":null,\"reason\":\"CloudFront line has 8 tab-separated fields"),
          cloudFront);
    }
  }

  /**
   * Lines of the sample logs that are records, counted from the files: every line but CloudFront's
   * '#' headers.
   */
  private static long sampleRecords() throws IOException {
    long records = 0;
    try (Stream<Path> files = Files.walk(SAMPLES)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (int i = 0; i < bytes.length; i++) {
          boolean lineStart = i == 0 || bytes[i - 1] == '\n';
          if (bytes[i] == '\n') {
            records++;
          }
          if (lineStart && bytes[i] == '#') {
            records--;
          }
        }
      }
    }
    return records;
  }

  @Test
  void emptyInputDirectoryIsRefusedAndWritesNothing() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("_SUCCESS"), ""); // hidden files are not input
    for (Engine engine : List.of(Engine.MAPREDUCE, Engine.SPARK)) {
      Path out = dir.resolve("empty-out-" + engine);
      BadInputException e =
          assertThrows(
              BadInputException.class, () -> run(engine, empty.toString(), out.toString()));
      assertEquals(
          "--input " + empty + " holds no input files (names starting with '_' or '.' are ignored)",
          e.getMessage());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void sparkSubmitRunsTheJobJarWithTheSameReports() throws Exception {
    SubmittedJobs.Submitted result = SubmittedJobs.of("logs");
    Path out = result.output();
    long read = sampleRecords();
    assertTrue(
        result
            .stdout()
            .contains(
                "logs [spark] done: read="
                    + read
                    + " accepted="
                    + (read - SAMPLE_BAD_LINES)
                    + " rejected="
                    + SAMPLE_BAD_LINES),
        result.stdout());

    mapReduceOnHdfs();
    for (String report : REPORTS) {
      assertArrayEquals(
          read(fs, new org.apache.hadoop.fs.Path("/out/mr/" + report + "/part-00000.csv")),
          Files.readAllBytes(out.resolve(report).resolve("part-00000.csv")),
          report);
    }
  }

  private static byte[] read(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
    try (FSDataInputStream in = fs.open(file)) {
      return in.readAllBytes();
    }
  }

  /** The JSON lines of every non-hidden file in a directory, sorted. */
  static List<String> jsonLines(FileSystem fs, org.apache.hadoop.fs.Path directory)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (FileStatus f : fs.listStatus(directory)) {
      String name = f.getPath().getName();
      if (!name.startsWith("_") && !name.startsWith(".")) {
        new String(read(fs, f.getPath()), StandardCharsets.UTF_8).lines().forEach(lines::add);
      }
    }
    lines.sort(null);
    return lines;
  }
}
