package io.sluice.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.jobs.EngineContext;
import io.sluice.jobs.LocalEngines;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many small files read on four task threads of one Spark executor, with assertions on (as in every
 * test run): the tasks share one Hadoop configuration, and Hadoop's combined reader, which writes
 * each file's name into its context's configuration and asserts it back when the file's reader
 * starts, must not see another task's file. Every line is read once.
 */
class TextSourceConcurrentTasksTest {

  private static final int FILES = 400;
  private static final int ROUNDS = 3;

  @TempDir Path dir;

  @Test
  void concurrentTasksReadEveryFileOfTheirOwnSplits() throws IOException {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      String text = "f" + i + " a\nf" + i + " b\n";
      Files.writeString(dir.resolve(String.format("f%03d.txt", i)), text);
      expected.add("f" + i + " a");
      expected.add("f" + i + " b");
    }
    expected.sort(null);
    StorageUri input = StorageUri.parse(dir.toString());
    try (EngineContext context = LocalEngines.builder().sparkMaster("local[4]").build()) {
      SparkContext spark = context.sparkContext();
      Configuration hadoop = spark.hadoopConfiguration();
      // About ten files per split: forty tasks, each opening ten file readers.
      hadoop.setLong(FileInputFormat.SPLIT_MAXSIZE, 100);
      for (int round = 0; round < ROUNDS; round++) {
        List<String> lines =
            TextSourceInputFormat.lines(spark, input).map(line -> line._2().toString()).collect();
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        assertEquals(expected, sorted, "round " + round);
      }
    }
  }
}
