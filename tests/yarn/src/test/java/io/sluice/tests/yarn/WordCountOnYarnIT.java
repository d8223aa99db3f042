package io.sluice.tests.yarn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.HadoopExampleWordCount;
import io.sluice.jobs.RunSummary;
import io.sluice.testing.WordCounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sluice's MapReduce WordCount on a real YARN mini-cluster (ResourceManager, one NodeManager
 * launching MRAppMaster and task JVMs as containers) over a MiniDFSCluster, checked against an
 * in-test reference and, byte for byte, against Hadoop's own example WordCount on the same cluster.
 */
@ExtendWith(SharedYarnCluster.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class WordCountOnYarnIT {

  private static LocalYarnCluster cluster;
  private static YarnClient yarnClient;

  /** The configuration jobs submit with: HDFS as default FS, mapreduce.framework.name=yarn. */
  private static Configuration clusterConf;

  private static FileSystem fs;
  private static List<String> lines;
  private static Path input;
  private static byte[] sluicePart;

  @BeforeAll
  static void startClusters(LocalYarnCluster shared) throws Exception {
    cluster = shared;
    clusterConf = cluster.clusterConf();
    yarnClient = cluster.yarnClient();
    fs = cluster.fileSystem();
    lines = sampleLines();
    input = fs.makeQualified(new Path("/data/wordcount/input/words.txt"));
    cluster.writeLines(input, lines);
  }

  @Test
  void sluiceWordCountRunsOnYarnAndMatchesReference() throws Exception {
    byte[] part = sluiceOutput();

    assertEquals(
        new String(reference(lines), StandardCharsets.UTF_8),
        new String(part, StandardCharsets.UTF_8),
        "Sluice WordCount output differs from the StringTokenizer reference");
  }

  @Test
  void hadoopExampleWordCountOnSameClusterIsByteIdentical() throws Exception {
    Path out = fs.makeQualified(new Path("/data/wordcount/hadoop-example"));
    Configuration conf = new Configuration(clusterConf);
    conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
    Job job = HadoopExampleWordCount.job(conf, input, out);
    job.setNumReduceTasks(1);
    // Submitted first, so that it runs beside Sluice's (if that has not run yet): the two jobs
    // mostly wait on container start-ups and heartbeats, which overlap.
    job.submit();
    byte[] ours = sluiceOutput();
    assertTrue(
        job.waitForCompletion(false),
        "Hadoop's example WordCount failed: " + job.getStatus().getFailureInfo());
    assertRanOnYarn(job.getJobID().toString(), "hadoop example wordcount");

    assertTrue(fs.exists(new Path(out, "_SUCCESS")), "no _SUCCESS in " + out);
    byte[] theirs = read(new Path(out, "part-r-00000"));
    assertEquals(
        new String(theirs, StandardCharsets.UTF_8),
        new String(ours, StandardCharsets.UTF_8),
        "Sluice WordCount output differs from Hadoop's example WordCount");
    assertArrayEquals(theirs, ours, "Sluice and Hadoop example WordCount outputs differ");
  }

  /**
   * Runs Sluice's WordCount once per class and returns its part-r-00000 bytes after checking the
   * run.
   */
  private static synchronized byte[] sluiceOutput() throws Exception {
    if (sluicePart != null) {
      return sluicePart;
    }
    Path out = fs.makeQualified(new Path("/data/wordcount/sluice"));
    Set<String> before = cluster.applicationIds();
    RunSummary summary =
        cluster.runMapReduce(
            "wordcount", Map.of("input", input.toString(), "output", out.toString()));

    // It went through the ResourceManager: one new MapReduce application, finished and succeeded.
    LocalYarnCluster.assertFinishedWell(
        cluster.newApplication("MAPREDUCE", before), "sluice wordcount");

    assertEquals(
        lines.size(), summary.counts().read(), "read must equal the number of input lines");
    assertEquals(lines.size(), summary.counts().accepted());
    assertEquals(0, summary.counts().rejected());

    assertTrue(fs.exists(new Path(out, "_SUCCESS")), "no _SUCCESS in " + out);
    FileStatus[] parts = fs.globStatus(new Path(out, "part-r-*"));
    assertNotNull(parts);
    assertEquals(1, parts.length, "one reducer, one part file: " + Arrays.toString(parts));
    assertEquals("part-r-00000", parts[0].getPath().getName());
    byte[] part = read(parts[0].getPath());
    long distinctWords =
        part.length == 0 ? 0 : new String(part, StandardCharsets.UTF_8).split("\n").length;
    assertEquals(
        distinctWords, summary.counts().written(), "written must equal the distinct words");
    sluicePart = part;
    return part;
  }

  /** Checks the RM knows the job as a finished, successful MapReduce application. */
  private static void assertRanOnYarn(String jobId, String name) throws Exception {
    assertFalse(jobId.startsWith("job_local"), "ran on the local job runner: " + jobId);
    String appId = "application_" + jobId.substring("job_".length());
    ApplicationReport app =
        yarnClient
            .getApplications(Set.of("MAPREDUCE"), EnumSet.allOf(YarnApplicationState.class))
            .stream()
            .filter(r -> r.getApplicationId().toString().equals(appId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("RM does not know " + appId));
    LocalYarnCluster.assertFinishedWell(app, name);
  }

  private static byte[] read(Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toByteArray();
    }
  }

  /**
   * word TAB count lines, whitespace tokens as {@link StringTokenizer} splits them, by UTF-8 bytes.
   */
  static byte[] reference(List<String> text) {
    return WordCounts.expected(text).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A few hundred deterministic lines: repeated words, mixed case, punctuation, tabs and runs of
   * spaces, empty lines, accented and non-Latin words, and supplementary characters whose UTF-16
   * order differs from their UTF-8 byte order.
   */
  static List<String> sampleLines() {
    String[] words = {
      "the",
      "The",
      "quick",
      "brown",
      "fox",
      "jumps",
      "over",
      "lazy",
      "dog",
      "dog.",
      "dog,",
      "straße",
      "café",
      "cafe",
      "naïve",
      "Ærøskøbing",
      "日本語",
      "中文",
      "Ωmega",
      "ελληνικά",
      "русский",
      "עברית",
      "العربية",
      "😀",
      "𝔘nicode",
      "\uFF21wide",
      "ﬁne",
      "a",
      "I",
      "42",
      "-",
      "x=y"
    };
    String[] separators = {" ", "  ", "\t", " \t ", "\t\t"};
    List<String> out = new ArrayList<>();
    long seed = 20240601L;
    for (int i = 0; i < 400; i++) {
      if (i % 37 == 0) {
        out.add("");
        continue;
      }
      if (i % 53 == 0) {
        out.add(" \t  ");
        continue;
      }
      StringBuilder line = new StringBuilder();
      if (i % 11 == 0) {
        line.append('\t');
      }
      int n = 1 + (int) ((seed >>> 33) % 12);
      for (int w = 0; w < n; w++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        int pick = (int) ((seed >>> 33) % words.length);
        if (w > 0) {
          line.append(separators[(int) ((seed >>> 40) % separators.length)]);
        }
        line.append(words[pick]);
      }
      if (i % 7 == 0) {
        line.append(" ");
      }
      out.add(line.toString());
    }
    return out;
  }
}
