package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.RunSummary;
import io.sluice.testing.SluiceTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.examples.WordCount;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
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

    Job reference = Job.getInstance(WordCountReference.localConf(), "hadoop example wordcount");
    reference.setJarByClass(WordCount.class);
    reference.setMapperClass(WordCount.TokenizerMapper.class);
    reference.setCombinerClass(WordCount.IntSumReducer.class);
    reference.setReducerClass(WordCount.IntSumReducer.class);
    reference.setOutputKeyClass(Text.class);
    reference.setOutputValueClass(IntWritable.class);
    FileInputFormat.addInputPath(reference, new Path(hdfs + "/in"));
    FileOutputFormat.setOutputPath(reference, new Path(hdfs + "/out/hadoop-example"));
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
}
