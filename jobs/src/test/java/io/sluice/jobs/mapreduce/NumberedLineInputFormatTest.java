package io.sluice.jobs.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many small files read through combined splits: every line keeps its own file and 1-based line
 * number, exactly as one split per file gave them.
 */
class NumberedLineInputFormatTest {

  private static final int FILES = 30;

  @TempDir static Path dir;

  /** What one split per file reads: "file:path|line|text" for every line, files in path order. */
  private static final List<String> expected = new ArrayList<>();

  private static long totalBytes;

  @BeforeAll
  static void writeFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      // Nested, with CRLF and a missing last newline on some: the line reader's cases.
      Path file = dir.resolve("in").resolve("d" + i % 3).resolve(String.format("f%02d.log", i));
      Files.createDirectories(file.getParent());
      String ending = i % 4 == 0 ? "\r\n" : "\n";
      List<String> lines = new ArrayList<>();
      for (int n = 0; n <= i % 5; n++) {
        lines.add(n == 1 ? "bad line " + i : "ok " + i + " " + n);
      }
      String text = String.join(ending, lines) + (i % 7 == 0 ? "" : ending);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      totalBytes += text.getBytes(StandardCharsets.UTF_8).length;
      files.add(file);
    }
    Files.writeString(dir.resolve("in").resolve("empty.log"), "");
    Files.writeString(dir.resolve("in").resolve("_hidden.log"), "not read\n");
    files.sort(null);
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int n = 0; n < lines.size(); n++) {
        expected.add("file:" + file + "|" + (n + 1) + "|" + lines.get(n));
      }
    }
  }

  @Test
  void smallFilesShareOneSplitAndKeepTheirFilesAndLineNumbers() throws Exception {
    List<InputSplit> splits = splits(new Configuration());

    assertEquals(1, splits.size(), "a few hundred bytes make one split");
    assertEquals(FILES, ((CombineFileSplit) splits.get(0)).getNumPaths(), "the empty file is out");
    assertEquals(expected, read(splits));
  }

  @Test
  void theUsersMaximumSplitSizeWinsAndFilesAreNeverCut() throws Exception {
    Configuration conf = new Configuration();
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, 100);

    List<InputSplit> splits = splits(conf);

    assertTrue(splits.size() > 2 && splits.size() < FILES, splits.size() + " splits");
    for (InputSplit split : splits) {
      CombineFileSplit combined = (CombineFileSplit) split;
      assertTrue(combined.getLength() <= 100 || combined.getNumPaths() == 1, split.toString());
    }
    assertEquals(expected, read(splits), "the same lines, files and numbers in path order");
  }

  @Test
  void defaultSplitsSpreadTheInputOverTheParallelTasksWithinBounds() {
    Configuration conf = new Configuration();
    assertEquals(4L << 20, SmallFileSplits.maxSplitBytes(conf, totalBytes), "small input");
    assertEquals(128L << 20, SmallFileSplits.maxSplitBytes(conf, 10L << 30), "local runner: 1");
    conf.setInt(SmallFileSplits.PARALLELISM, 8);
    assertEquals(10L << 20, SmallFileSplits.maxSplitBytes(conf, 80L << 20), "80 MiB over 8");
    conf.setInt("mapreduce.local.map.tasks.maximum", 4);
    conf.unset(SmallFileSplits.PARALLELISM);
    assertEquals(20L << 20, SmallFileSplits.maxSplitBytes(conf, 80L << 20), "4 local maps");
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, 1000);
    assertEquals(1000, SmallFileSplits.maxSplitBytes(conf, 80L << 20), "the user's setting");
  }

  private static List<InputSplit> splits(Configuration conf) throws IOException {
    Job job = Job.getInstance(conf);
    FileInputFormat.setInputPaths(job, new org.apache.hadoop.fs.Path(dir.resolve("in").toUri()));
    FileInputFormat.setInputDirRecursive(job, true);
    return new NumberedLineInputFormat().getSplits(job);
  }

  private static List<String> read(List<InputSplit> splits) throws Exception {
    List<String> lines = new ArrayList<>();
    for (InputSplit split : splits) {
      TaskAttemptContext context =
          new TaskAttemptContextImpl(new Configuration(), new TaskAttemptID());
      try (RecordReader<LongWritable, Text> reader =
          new NumberedLineInputFormat().createRecordReader(split, context)) {
        reader.initialize(split, context);
        while (reader.nextKeyValue()) {
          LongWritable key = reader.getCurrentKey();
          lines.add(
              FileLineNumber.sourceOf(key) + "|" + key.get() + "|" + reader.getCurrentValue());
        }
      }
    }
    return lines;
  }
}
