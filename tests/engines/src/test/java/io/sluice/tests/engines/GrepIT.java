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
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.examples.Grep;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grep on both engines: against an in-test reference (Java's Matcher, sorted by count descending
 * then UTF-8 bytes), against Hadoop's own example Grep, reading a MiniDFSCluster and local files,
 * and through Spark's SparkSubmit. Spark and MapReduce must write identical bytes.
 *
 * <p>Hadoop's example sorts by count only, so the order of equal counts is whatever its sort left
 * (on this input it differs from ours); it is compared after ordering its ties by match bytes.
 */
@SluiceTest
class GrepIT extends OnMiniDfs {

  /** Letters-only words: many distinct matches, many ties between equal counts. */
  private static final String WORDS = "\\p{L}+";

  /** A pattern with a group: the word before "-<digits>" in lines like "gate-12". */
  static final String TAGGED = "(\\p{L}+)-(\\d+)";

  private static final List<String> LINES = sampleLines(2_000);

  /**
   * The lines {@link SubmittedJobs} gives the job jar's grep, matching {@link #TAGGED}'s group 1.
   */
  static final List<String> SUBMITTED_LINES = LINES.subList(0, 500);

  @TempDir static java.nio.file.Path local;

  @BeforeAll
  static void writeInput() throws Exception {
    WordCountReference.writeTwoInputFiles(fs, LINES, 1_300);
  }

  @Test
  void bothEnginesMatchTheReferenceAndHadoopsExampleGrepOnHdfs() throws Exception {
    RunSummary mr = grep(Engine.MAPREDUCE, hdfs + "/in", hdfs + "/out/mr", WORDS, 0, 1);
    RunSummary spark = grep(Engine.SPARK, hdfs + "/in", hdfs + "/out/spark", WORDS, 0, 1);

    String expected = expectedGrep(LINES, WORDS, 0);
    byte[] mrBytes = WordCountReference.partFiles(fs, new Path("/out/mr"));
    byte[] sparkBytes = WordCountReference.partFiles(fs, new Path("/out/spark"));
    assertEquals(
        expected,
        new String(mrBytes, StandardCharsets.UTF_8),
        "MapReduce differs from the reference");
    assertArrayEquals(mrBytes, sparkBytes, "Spark and MapReduce outputs differ");
    for (RunSummary summary : List.of(mr, spark)) {
      assertEquals(LINES.size(), summary.counts().read(), summary.toLine());
      assertEquals(LINES.size(), summary.counts().accepted(), summary.toLine());
      assertEquals(0, summary.counts().rejected(), summary.toLine());
      assertEquals(expected.lines().count(), summary.counts().written(), summary.toLine());
      assertEquals(fs.getContentSummary(new Path("/in")).getLength(), summary.counts().bytesIn());
    }
    assertTrue(fs.exists(new Path("/out/mr/_SUCCESS")));
    assertTrue(fs.exists(new Path("/out/spark/_SUCCESS")));
    assertEquals(
        0,
        fs.globStatus(new Path("/out/.*")).length,
        "intermediate or staging directories left behind");

    Configuration conf = WordCountReference.localConf();
    conf.set("fs.defaultFS", hdfs); // Grep's temporary directory is relative: keep it on HDFS
    // Grep's constructor is private (its main() calls System.exit); run it as the Tool it is.
    Constructor<Grep> constructor = Grep.class.getDeclaredConstructor();
    constructor.setAccessible(true);
    int exit =
        ToolRunner.run(
            conf,
            constructor.newInstance(),
            new String[] {hdfs + "/in", hdfs + "/out/hadoop-example", WORDS});
    assertEquals(0, exit, "Hadoop's example Grep failed");

    byte[] theirs = WordCountReference.partFiles(fs, new Path("/out/hadoop-example"));
    assertTrue(theirs.length > 0);
    // Hadoop's example sorts by count only; the order of equal counts is whatever its sort left.
    // Ours breaks ties by the match's bytes. Same lines, and same counts in the same sequence:
    assertEquals(
        sortedLines(theirs),
        sortedLines(mrBytes),
        "different matches or counts than Hadoop's example");
    assertEquals(
        countColumn(theirs),
        countColumn(mrBytes),
        "not ordered by count descending like Hadoop's example");
    assertEquals(
        tieOrdered(theirs),
        new String(mrBytes, StandardCharsets.UTF_8),
        "Hadoop's output with ties ordered by match bytes should equal ours byte for byte");
  }

  @Test
  void runsOnLocalFilesWithSeveralReducers() throws Exception {
    java.nio.file.Path input = local.resolve("in");
    Files.createDirectories(input);
    Files.write(input.resolve("part-1.txt"), LINES.subList(0, 700));
    Files.write(input.resolve("part-2.txt"), LINES.subList(700, 1_000));
    String expected = expectedGrep(LINES.subList(0, 1_000), TAGGED, 2);

    grep(Engine.MAPREDUCE, input.toString(), local.resolve("mr").toString(), TAGGED, 2, 2);
    grep(Engine.SPARK, input.toString(), local.resolve("spark").toString(), TAGGED, 2, 2);

    FileSystem localFs = FileSystem.getLocal(WordCountReference.localConf());
    byte[] mrBytes = WordCountReference.partFiles(localFs, new Path(local.resolve("mr").toUri()));
    byte[] sparkBytes =
        WordCountReference.partFiles(localFs, new Path(local.resolve("spark").toUri()));
    assertEquals(expected, new String(mrBytes, StandardCharsets.UTF_8));
    assertArrayEquals(
        mrBytes, sparkBytes, "Spark (2 partitions) and MapReduce (2 counting reducers) differ");
  }

  @Test
  void anInvalidRegexIsBadInputNamingIt() {
    for (Engine engine : Engine.values()) {
      String output = hdfs + "/out/bad-" + engine;
      BadInputException e =
          assertThrows(
              BadInputException.class, () -> grep(engine, hdfs + "/in", output, "river[a-", 0, 1));
      assertTrue(
          e.getMessage().startsWith("--pattern 'river[a-' is not a valid Java regex"),
          e.getMessage());
      assertThrows(
          BadInputException.class, () -> grep(engine, hdfs + "/in", output, "(river)", 2, 1));
      assertFalse(exists(output), "nothing may be written for bad input");
    }
  }

  @Test
  void jobJarRunsUnderSparkSubmit() throws Exception {
    SubmittedJobs.Submitted result = SubmittedJobs.of("grep");
    java.nio.file.Path sparkOut = result.output();
    assertTrue(
        result.stdout().contains("grep [spark] done: read=500 accepted=500 rejected=0"),
        result.stdout());

    FileSystem localFs = FileSystem.getLocal(WordCountReference.localConf());
    byte[] fromSubmit = WordCountReference.partFiles(localFs, new Path(sparkOut.toUri()));
    assertEquals(
        expectedGrep(SUBMITTED_LINES, TAGGED, 1), new String(fromSubmit, StandardCharsets.UTF_8));
  }

  private static RunSummary grep(
      Engine engine, String input, String output, String pattern, int group, int reducers) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("input", input);
    params.put("output", output);
    params.put("pattern", pattern);
    params.put("group", Integer.toString(group));
    params.put("reducers", Integer.toString(reducers));
    return sluice.run("grep", engine, params);
  }

  /** Lines with words, tagged words ("gate-12"), repeats, non-ASCII letters and blank lines. */
  static List<String> sampleLines(int count) {
    List<String> words = WordCountReference.sampleLines(count);
    String[] tags = {"gate", "mill", "Mühle", "水車", "weir", "lock"};
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String line = words.get(i);
      if (i % 3 == 0) {
        line += " " + tags[i % tags.length] + "-" + (i % 17) + " x-" + (i % 5);
      }
      lines.add(line);
    }
    return lines;
  }

  /**
   * The expected output, computed independently of the job's code: Matcher.find over every line.
   */
  static String expectedGrep(List<String> lines, String regex, int group) {
    Pattern pattern = Pattern.compile(regex);
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      Matcher matcher = pattern.matcher(line);
      while (matcher.find()) {
        if (matcher.group(group) != null) {
          counts.merge(matcher.group(group), 1L, Long::sum);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey(GrepIT::utf8)))
        .forEach(e -> out.append(e.getValue()).append('\t').append(e.getKey()).append('\n'));
    return out.toString();
  }

  private static int utf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> sortedLines(byte[] output) {
    return new String(output, StandardCharsets.UTF_8).lines().sorted().toList();
  }

  private static List<String> countColumn(byte[] output) {
    return new String(output, StandardCharsets.UTF_8)
        .lines()
        .map(l -> l.substring(0, l.indexOf('\t')))
        .toList();
  }

  /** Hadoop's output with lines of equal count put in match-byte order. */
  private static String tieOrdered(byte[] output) {
    StringBuilder out = new StringBuilder();
    new String(output, StandardCharsets.UTF_8)
        .lines()
        .sorted(
            Comparator.comparingLong((String l) -> -Long.parseLong(l.substring(0, l.indexOf('\t'))))
                .thenComparing(
                    (a, b) ->
                        utf8(a.substring(a.indexOf('\t') + 1), b.substring(b.indexOf('\t') + 1))))
        .forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  private static boolean exists(String location) {
    try {
      return fs.exists(new Path(location));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
