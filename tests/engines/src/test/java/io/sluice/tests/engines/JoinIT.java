package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.join.JoinMapReduce;
import io.sluice.jobs.join.JoinResult;
import io.sluice.jobs.join.JoinSpec;
import io.sluice.jobs.join.JoinType;
import io.sluice.storage.StorageUri;
import io.sluice.testing.SluiceTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join on both engines against a nested-loop reference (inner and left-outer, duplicate keys on
 * both sides, malformed rows), reading a MiniDFSCluster and local files, with a skewed key that
 * MapReduce must join without holding it in memory, and through Spark's SparkSubmit. Spark and
 * MapReduce must write identical bytes: lines ordered by key, then line, as UTF-8 bytes.
 */
@SluiceTest
class JoinIT extends OnMiniDfs {

  /** Left rows keyed on column 1, right rows on column 2; a few of each without that column. */
  private static final Map<String, List<String>> LEFT_FILES =
      Map.of("a.csv", sideRows(7, 180, 3, 1, ','), "b.csv", sideRows(11, 120, 3, 1, ','));

  static final List<String> RIGHT_ROWS = sideRows(13, 400, 3, 2, ',');

  /**
   * The left rows {@link SubmittedJobs} gives the job jar's join (left-outer, keys 1 and 2) with
   * {@link #RIGHT_ROWS}.
   */
  static final List<String> SUBMITTED_LEFT = LEFT_FILES.get("a.csv");

  @TempDir static java.nio.file.Path local;

  @BeforeAll
  static void writeInput() throws Exception {
    for (Map.Entry<String, List<String>> file : LEFT_FILES.entrySet()) {
      WordCountReference.write(fs, new Path("/left/" + file.getKey()), file.getValue());
    }
    WordCountReference.write(fs, new Path("/right/r.csv"), RIGHT_ROWS);
  }

  @Test
  void innerJoinOnHdfsMatchesTheNestedLoopReferenceAndQuarantinesMalformedRows() throws Exception {
    List<String> left = new ArrayList<>(LEFT_FILES.get("a.csv"));
    left.addAll(LEFT_FILES.get("b.csv"));
    String expected = nestedLoopJoin(left, 1, RIGHT_ROWS, 2, ",", JoinType.INNER);
    long malformed = malformed(left, 1, ",") + malformed(RIGHT_ROWS, 2, ",");
    long read = left.size() + RIGHT_ROWS.size();

    Map<String, String> params = params(hdfs + "/left", hdfs + "/right", 1, 2, ",", "inner", 1);
    RunSummary mr = join(Engine.MAPREDUCE, params, hdfs + "/out/mr");
    RunSummary spark = join(Engine.SPARK, params, hdfs + "/out/spark");

    assertBothEnginesJoined(expected, fs, new Path("/out/mr"), new Path("/out/spark"));
    for (RunSummary summary : List.of(mr, spark)) {
      assertEquals(read, summary.counts().read(), summary.toLine());
      assertEquals(malformed, summary.counts().rejected(), summary.toLine());
      assertEquals(read - malformed, summary.counts().accepted(), summary.toLine());
      assertEquals(expected.lines().count(), summary.counts().written(), summary.toLine());
    }

    List<String> mrRejected = rejected(fs, new Path("/out/mr/_rejected"));
    assertEquals(malformed, mrRejected.size(), "one rejected record per malformed row");
    assertEquals(
        mrRejected,
        rejected(fs, new Path("/out/spark/_rejected")),
        "the engines rejected differently");
    // Line 42 of r.csv is a single column ("short41"): the key column 2 is missing.
    assertTrue(
        mrRejected.contains(
            "{\"source\":\""
                + hdfs
                + "/right/r.csv\",\"position\":42,\"field\":\"column 2\","
                + "\"reason\":\"right row has 1 column(s); --right-key 2 needs at least 2\",\"record\":\"short41\"}"),
        String.join("\n", mrRejected));
    // Line 5 of b.csv is empty.
    assertTrue(
        mrRejected.contains(
            "{\"source\":\""
                + hdfs
                + "/left/b.csv\",\"position\":5,\"field\":\"column 1\","
                + "\"reason\":\"empty line; --left-key 1 needs at least 1\",\"record\":\"\"}"),
        String.join("\n", mrRejected));
    assertEquals(
        0,
        fs.globStatus(new Path("/out/.*")).length,
        "intermediate or staging directories left behind");
  }

  @Test
  void leftOuterJoinOfTabSeparatedLocalFilesWithSeveralReducers() throws Exception {
    List<String> left = sideRows(17, 250, 4, 2, '\t');
    List<String> right = sideRows(19, 300, 2, 1, '\t');
    java.nio.file.Path leftDir = Files.createDirectories(local.resolve("tsv-left"));
    Files.write(leftDir.resolve("l1.tsv"), left.subList(0, 100));
    Files.write(leftDir.resolve("l2.tsv"), left.subList(100, left.size()));
    Files.write(local.resolve("r.tsv"), right);
    String expected = nestedLoopJoin(left, 2, right, 1, "\t", JoinType.LEFT_OUTER);
    assertTrue(
        expected.contains("\t\n"),
        "the data must have unmatched left rows, padded with an empty field");

    Map<String, String> params =
        params(leftDir.toString(), local.resolve("r.tsv").toString(), 2, 1, "\\t", "left-outer", 2);
    RunSummary mr = join(Engine.MAPREDUCE, params, local.resolve("tsv-mr").toString());
    RunSummary spark = join(Engine.SPARK, params, local.resolve("tsv-spark").toString());

    FileSystem localFs = FileSystem.getLocal(WordCountReference.localConf());
    Path mrOut = new Path(local.resolve("tsv-mr").toUri());
    assertBothEnginesJoined(expected, localFs, mrOut, new Path(local.resolve("tsv-spark").toUri()));
    assertEquals(
        2, nonEmptyParts(localFs, mrOut), "both sort reducers should get a range of the output");
    long read = left.size() + right.size();
    long malformed = malformed(left, 2, "\t") + malformed(right, 1, "\t");
    for (RunSummary summary : List.of(mr, spark)) {
      assertEquals(read, summary.counts().read(), summary.toLine());
      assertEquals(malformed, summary.counts().rejected(), summary.toLine());
      assertEquals(read - malformed, summary.counts().accepted(), summary.toLine());
      assertEquals(expected.lines().count(), summary.counts().written(), summary.toLine());
    }
  }

  @Test
  void skewedKeysJoinWithBoundedMemoryOnMapReduce() throws Exception {
    // "hot": 1 left row, 200k right rows (streamed, never buffered). "wide": 10k left rows (more
    // than the 32 KiB left buffer holds, so they spill to local disk) and 3 right rows.
    List<String> left = new ArrayList<>();
    left.add("hot,L");
    for (int i = 0; i < 10_000; i++) {
      left.add("wide,l" + i);
    }
    left.add("cold,c");
    List<String> right = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      right.add("hot,r" + i);
    }
    right.addAll(List.of("wide,x", "wide,y", "wide,z"));
    Collections.shuffle(right, new java.util.Random(3));
    java.nio.file.Path rightDir = Files.createDirectories(local.resolve("skew-right"));
    Files.write(rightDir.resolve("r0.csv"), right.subList(0, right.size() / 2));
    Files.write(rightDir.resolve("r1.csv"), right.subList(right.size() / 2, right.size()));
    Files.write(local.resolve("skew-left.csv"), left);
    // Known by construction (a nested loop over 20k x 200k rows would take minutes).
    List<String[]> expectedLines = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      expectedLines.add(new String[] {"hot", "hot,L,r" + i});
    }
    for (int i = 0; i < 10_000; i++) {
      for (String r : List.of("x", "y", "z")) {
        expectedLines.add(new String[] {"wide", "wide,l" + i + "," + r});
      }
    }
    String expected = ordered(expectedLines);

    Configuration conf = WordCountReference.localConf();
    long bound = 32 * 1024;
    conf.setLong(JoinMapReduce.LEFT_BUFFER_BYTES, bound);
    JoinSpec spec =
        new JoinSpec(
            StorageUri.parse(local.resolve("skew-left.csv").toString()),
            StorageUri.parse(rightDir.toString()),
            1,
            1,
            ',',
            JoinType.INNER,
            2,
            1);
    Path mrOut = new Path(local.resolve("skew-mr").toUri());
    JoinResult mr = JoinMapReduce.run(conf, spec, mrOut);

    assertEquals(200_000 + 30_000, mr.written());
    assertEquals(1, mr.keysSpilled(), "only the wide key's left side exceeds the buffer");
    assertTrue(mr.leftRecordsSpilled() > 9_000, "spilled " + mr.leftRecordsSpilled());
    assertTrue(
        mr.leftBufferPeakBytes() <= bound,
        "left buffer peaked at " + mr.leftBufferPeakBytes() + " bytes");
    FileSystem localFs = FileSystem.getLocal(conf);
    byte[] mrBytes = WordCountReference.partFiles(localFs, mrOut);
    assertEquals(
        expected,
        new String(mrBytes, StandardCharsets.UTF_8),
        "MapReduce differs from the expected lines");
  }

  @Test
  void badParametersAreBadInput() {
    String out = hdfs + "/out/never";
    assertEquals(
        "--delimiter must be ',' or '\\t' (tab), got ';'",
        assertThrows(
                BadInputException.class,
                () ->
                    join(
                        Engine.MAPREDUCE,
                        params(hdfs + "/left", hdfs + "/right", 1, 2, ";", "inner", 1),
                        out))
            .getMessage());
    assertEquals(
        "--type must be inner or left-outer, got 'full'",
        assertThrows(
                BadInputException.class,
                () ->
                    join(
                        Engine.SPARK,
                        params(hdfs + "/left", hdfs + "/right", 1, 2, ",", "full", 1),
                        out))
            .getMessage());
    assertEquals(
        "--left-key is a 1-based column number, got 0",
        assertThrows(
                BadInputException.class,
                () ->
                    join(
                        Engine.MAPREDUCE,
                        params(hdfs + "/left", hdfs + "/right", 0, 2, ",", "inner", 1),
                        out))
            .getMessage());
    assertEquals(
        "input not found: --right " + hdfs + "/nowhere does not exist",
        assertThrows(
                BadInputException.class,
                () ->
                    join(
                        Engine.SPARK,
                        params(hdfs + "/left", hdfs + "/nowhere", 1, 2, ",", "inner", 1),
                        out))
            .getMessage());
    assertFalse(exists(out));
  }

  @Test
  void jobJarRunsUnderSparkSubmit() throws Exception {
    SubmittedJobs.Submitted result = SubmittedJobs.of("join");
    List<String> left = SUBMITTED_LEFT;
    java.nio.file.Path out = result.output();
    long read = left.size() + RIGHT_ROWS.size();
    long rejected = malformed(left, 1, ",") + malformed(RIGHT_ROWS, 2, ",");
    assertTrue(
        result
            .stdout()
            .contains(
                "join [spark] done: read="
                    + read
                    + " accepted="
                    + (read - rejected)
                    + " rejected="
                    + rejected),
        result.stdout());
    FileSystem localFs = FileSystem.getLocal(WordCountReference.localConf());
    assertEquals(
        nestedLoopJoin(left, 1, RIGHT_ROWS, 2, ",", JoinType.LEFT_OUTER),
        new String(
            WordCountReference.partFiles(localFs, new Path(out.toUri())), StandardCharsets.UTF_8));
    assertEquals(rejected, rejected(localFs, new Path(out.resolve("_rejected").toUri())).size());
  }

  // ---- inputs and the reference --------------------------------------------------------------

  /**
   * Rows of {@code columns} fields with the key in {@code keyColumn}: keys drawn from a small set
   * (so most repeat on both sides; some exist on one side only), an empty key, keys that sort
   * differently by key than by line ("a" and "a!"), non-ASCII keys, empty fields, and every 37th
   * row malformed (a single column, or an empty line).
   */
  static List<String> sideRows(long seed, int count, int columns, int keyColumn, char delimiter) {
    String[] keys = {"a", "a!", "", "Mühle", "水車", "k1", "k2", "k3", "k10", "z", "only-" + seed};
    java.util.Random random = new java.util.Random(seed);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i % 37 == 4) {
        rows.add(i % 2 == 0 ? "" : "short" + i);
        continue;
      }
      List<String> fields = new ArrayList<>();
      for (int c = 1; c <= columns; c++) {
        fields.add(
            c == keyColumn
                ? keys[random.nextInt(keys.length)]
                : (random.nextInt(9) == 0 ? "" : "v" + seed + "-" + i + "-" + c));
      }
      rows.add(String.join(String.valueOf(delimiter), fields));
    }
    return rows;
  }

  /**
   * Every pairing of left and right rows with equal keys, each as key + left non-key fields + right
   * non-key fields; for a left-outer join, unmatched left rows padded with empty right fields (as
   * many as the right input's first row has non-key columns). Ordered by key, then line, as UTF-8.
   */
  static String nestedLoopJoin(
      List<String> left,
      int leftKey,
      List<String> right,
      int rightKey,
      String delimiter,
      JoinType type) {
    int rightColumns =
        right.stream()
            .filter(r -> !r.isEmpty())
            .findFirst()
            .map(r -> split(r, delimiter).length)
            .orElse(1);
    List<String[]> lines = new ArrayList<>();
    List<String[]> rightRows = right.stream().map(r -> split(r, delimiter)).toList();
    for (String l : left) {
      String[] lf = split(l, delimiter);
      if (lf.length < leftKey) {
        continue;
      }
      boolean matched = false;
      for (String[] rf : rightRows) {
        if (rf.length < rightKey || !rf[rightKey - 1].equals(lf[leftKey - 1])) {
          continue;
        }
        matched = true;
        lines.add(
            new String[] {
              lf[leftKey - 1],
              lf[leftKey - 1] + others(lf, leftKey, delimiter) + others(rf, rightKey, delimiter)
            });
      }
      if (!matched && type == JoinType.LEFT_OUTER) {
        lines.add(
            new String[] {
              lf[leftKey - 1],
              lf[leftKey - 1] + others(lf, leftKey, delimiter) + delimiter.repeat(rightColumns - 1)
            });
      }
    }
    return ordered(lines);
  }

  /**
   * Output lines ({key, line} pairs) ordered by key, then line, as UTF-8 bytes, newline-terminated.
   */
  private static String ordered(List<String[]> keyedLines) {
    StringBuilder out = new StringBuilder();
    keyedLines.stream()
        .sorted(
            (a, b) -> {
              int byKey = utf8(a[0], b[0]);
              return byKey != 0 ? byKey : utf8(a[1], b[1]);
            })
        .forEach(line -> out.append(line[1]).append('\n'));
    return out.toString();
  }

  private static String[] split(String row, String delimiter) {
    return row.isEmpty() ? new String[0] : row.split(Pattern.quote(delimiter), -1);
  }

  private static String others(String[] fields, int keyColumn, String delimiter) {
    StringBuilder out = new StringBuilder();
    for (int c = 1; c <= fields.length; c++) {
      if (c != keyColumn) {
        out.append(delimiter).append(fields[c - 1]);
      }
    }
    return out.toString();
  }

  private static long malformed(List<String> rows, int keyColumn, String delimiter) {
    return rows.stream().filter(r -> split(r, delimiter).length < keyColumn).count();
  }

  private static int utf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  // ---- running and reading -------------------------------------------------------------------

  private static Map<String, String> params(
      String left,
      String right,
      int leftKey,
      int rightKey,
      String delimiter,
      String type,
      int reducers) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("left", left);
    params.put("right", right);
    params.put("left-key", Integer.toString(leftKey));
    params.put("right-key", Integer.toString(rightKey));
    params.put("delimiter", delimiter);
    params.put("type", type);
    params.put("reducers", Integer.toString(reducers));
    return params;
  }

  private static RunSummary join(Engine engine, Map<String, String> params, String output) {
    Map<String, String> withOutput = new LinkedHashMap<>(params);
    withOutput.put("output", output);
    return sluice.run("join", engine, withOutput);
  }

  /** The rejected records under a directory, sorted. */
  /** MapReduce wrote the expected join, and Spark the same bytes. */
  private static void assertBothEnginesJoined(
      String expected, FileSystem fs, Path mapReduceOut, Path sparkOut) throws IOException {
    byte[] mrBytes = WordCountReference.partFiles(fs, mapReduceOut);
    assertEquals(
        expected,
        new String(mrBytes, StandardCharsets.UTF_8),
        "MapReduce differs from the nested loop");
    assertArrayEquals(
        mrBytes, WordCountReference.partFiles(fs, sparkOut), "Spark differs from MapReduce");
  }

  private static List<String> rejected(FileSystem fs, Path dir) throws IOException {
    List<String> records = new ArrayList<>();
    for (FileStatus file : fs.listStatus(dir, p -> p.getName().startsWith("part-"))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (FSDataInputStream in = fs.open(file.getPath())) {
        in.transferTo(bytes);
      }
      bytes.toString(StandardCharsets.UTF_8).lines().forEach(records::add);
    }
    Collections.sort(records);
    return records;
  }

  private static long nonEmptyParts(FileSystem fs, Path dir) throws IOException {
    return Arrays.stream(fs.globStatus(new Path(dir, "part-*")))
        .filter(f -> f.getLen() > 0)
        .count();
  }

  private static boolean exists(String location) {
    try {
      return fs.exists(new Path(location));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
