package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.HadoopExampleWordCount;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.StagedOutput;
import io.sluice.storage.StorageUri;
import io.sluice.storage.leftovers.Owner;
import io.sluice.storage.leftovers.StagingDirs;
import io.sluice.testing.SluiceTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WordCount reading hdfs:// from a real MiniDFSCluster: MapReduce (local runner) and Spark
 * (local[2]) give byte-identical output, and so does Hadoop's own example WordCount.
 */
@SluiceTest
class WordCountOnHdfsIT extends OnMiniDfs {

  private static final List<String> LINES = WordCountReference.sampleLines(2_000);

  @BeforeAll
  static void writeInput() throws Exception {
    WordCountReference.writeTwoInputFiles(fs, LINES, 1_200);
  }

  @Test
  void mapReduceAndSparkAgreeOnHdfs() throws Exception {
    RunSummary mr = run(Engine.MAPREDUCE, "/out/mr");
    RunSummary spark = run(Engine.SPARK, "/out/spark");

    byte[] expected = WordCountReference.expectedOutput(LINES).getBytes(StandardCharsets.UTF_8);
    byte[] mrBytes = WordCountReference.partFiles(fs, new Path("/out/mr"));
    byte[] sparkBytes = WordCountReference.partFiles(fs, new Path("/out/spark"));
    assertEquals(
        new String(expected, StandardCharsets.UTF_8), new String(mrBytes, StandardCharsets.UTF_8));
    assertArrayEquals(mrBytes, sparkBytes, "Spark and MapReduce outputs differ");

    for (RunSummary summary : List.of(mr, spark)) {
      assertEquals(LINES.size(), summary.counts().read(), summary.toLine());
      assertEquals(LINES.size(), summary.counts().accepted(), summary.toLine());
      assertEquals(0, summary.counts().rejected(), summary.toLine());
      assertEquals(countLines(expected), summary.counts().written(), summary.toLine());
      assertEquals(fs.getContentSummary(new Path("/in")).getLength(), summary.counts().bytesIn());
      assertTrue(summary.counts().bytesOut() >= expected.length, summary.toLine());
    }
    assertTrue(fs.exists(new Path("/out/mr/_SUCCESS")));
    assertTrue(fs.exists(new Path("/out/spark/_SUCCESS")));
  }

  @Test
  void matchesHadoopsExampleWordCountByteForByte() throws Exception {
    run(Engine.MAPREDUCE, "/out/ours");

    Job reference =
        HadoopExampleWordCount.job(
            WordCountReference.localConf(),
            new Path(hdfs + "/in"),
            new Path(hdfs + "/out/hadoop-example"));
    assertTrue(reference.waitForCompletion(false), "Hadoop's example WordCount failed");

    byte[] ours = WordCountReference.partFiles(fs, new Path("/out/ours"));
    byte[] theirs = WordCountReference.partFiles(fs, new Path("/out/hadoop-example"));
    assertTrue(theirs.length > 0);
    assertArrayEquals(theirs, ours, "our MapReduce WordCount differs from Hadoop's example");
  }

  private static RunSummary run(Engine engine, String output) {
    return sluice.run("wordcount", engine, Map.of("input", hdfs + "/in", "output", hdfs + output));
  }

  private static long countLines(byte[] text) {
    long n = 0;
    for (byte b : text) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  /**
   * A run killed with SIGKILL leaves its staging directory beside the output on HDFS; the next run
   * to that output removes it and leaves a live run's alone.
   */
  @Test
  void theNextRunRemovesOnlyAKilledRunsStagingDirectory() throws Exception {
    Process killed = new ProcessBuilder("sleep", "60").start();
    long started = killed.info().startInstant().orElseThrow().toEpochMilli();
    Owner dead =
        new Owner(Owner.current().host(), killed.pid(), started, System.currentTimeMillis());
    killed.destroyForcibly();
    assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
    Path deadStaging =
        new Path(hdfs + "/killed/.wc" + StagingDirs.MARKER + dead.token() + "-0a1b2c3d");
    Path liveStaging = new Path(hdfs + "/killed", StagingDirs.newName("wc"));
    fs.mkdirs(deadStaging);
    fs.mkdirs(liveStaging);

    StagedOutput.prepare(StorageUri.parse(hdfs + "/killed/wc"), false, fs.getConf());
    assertFalse(fs.exists(deadStaging));
    assertTrue(fs.exists(liveStaging));
  }
}
