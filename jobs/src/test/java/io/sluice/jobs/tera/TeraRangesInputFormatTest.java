package io.sluice.jobs.tera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.mapreduce.SmallFileSplits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeraRangesInputFormatTest {

  @TempDir Path dir;

  @Test
  void packedRangesGiveTheReportOfOneTaskPerRange() throws Exception {
    // Unsorted generated rows: misorders within ranges, across ranges and across files.
    Files.write(dir.resolve("part-0"), TeraRecordInputFormatTest.generate(0, 30));
    Files.write(dir.resolve("part-1"), new byte[0]);
    Files.write(
        dir.resolve("part-2"),
        Arrays.copyOf(TeraRecordInputFormatTest.generate(30, 12), 12 * 100 - 63));
    Files.write(dir.resolve("part-3"), TeraRecordInputFormatTest.generate(42, 25));
    Job job = job(333); // ranges that cut records in the middle
    List<FileSplit> ranges = new ArrayList<>();
    new TeraRecordInputFormat().getSplits(job).forEach(s -> ranges.add((FileSplit) s));

    List<SplitSummary> perRange = new ArrayList<>();
    for (FileSplit range : ranges) {
      perRange.add(summarise(range, job));
    }
    // Ranges of about 1,000 bytes packed: fewer splits than ranges, ranges of a file shared out.
    Configuration packing = new Configuration();
    packing.setLong(FileInputFormat.SPLIT_MAXSIZE, 1_000);
    List<InputSplit> packed = SmallFileSplits.packRanges(packing, ranges);
    List<SplitSummary> combined = new ArrayList<>();
    for (InputSplit split : packed) {
      combined.addAll(summariseCombined((CombineFileSplit) split, job));
    }

    assertTrue(packed.size() < ranges.size(), packed.size() + " splits for " + ranges.size());
    List<String> expected = ValidationReport.of(perRange, List.of()).lines();
    assertTrue(expected.get(0).startsWith("error\tmisorder in "), expected.get(0));
    assertEquals(expected, ValidationReport.of(combined, List.of()).lines());
    assertEquals(66, ValidationReport.of(combined, List.of()).records());
  }

  @Test
  void smallFilesMakeOneSplitWithEveryFileInPathOrder() throws Exception {
    for (int i = 0; i < 50; i++) {
      Files.write(
          dir.resolve(String.format("f%03d", 49 - i)), TeraRecordInputFormatTest.generate(i, 2));
    }
    List<InputSplit> splits = new TeraRangesInputFormat().getSplits(job(0));

    assertEquals(1, splits.size());
    CombineFileSplit split = (CombineFileSplit) splits.get(0);
    assertEquals(50, split.getNumPaths());
    assertEquals("f000", split.getPath(0).getName());
    assertEquals("f049", split.getPath(49).getName());
  }

  private Job job(long maxSplitBytes) throws Exception {
    Job job = Job.getInstance(new Configuration());
    FileInputFormat.setInputPaths(job, new org.apache.hadoop.fs.Path(dir.toUri()));
    if (maxSplitBytes > 0) {
      FileInputFormat.setMaxInputSplitSize(job, maxSplitBytes);
      FileInputFormat.setMinInputSplitSize(job, 1);
    }
    return job;
  }

  /** As one task per range summarised its split before ranges were packed. */
  private static SplitSummary summarise(FileSplit range, Job job) throws Exception {
    TaskAttemptContextImpl context =
        new TaskAttemptContextImpl(job.getConfiguration(), new TaskAttemptID());
    SplitSummary summary =
        new SplitSummary(
            range.getPath().toString(), TeraFormat.firstRecordAtOrAfter(range.getStart()));
    try (RecordReader<BytesWritable, NullWritable> reader =
        new TeraRecordInputFormat().createRecordReader(range, context)) {
      reader.initialize(range, context);
      while (reader.nextKeyValue()) {
        summary.add(reader.getCurrentKey().getBytes());
      }
    }
    return summary;
  }

  private static List<SplitSummary> summariseCombined(CombineFileSplit split, Job job)
      throws Exception {
    TaskAttemptContextImpl context =
        new TaskAttemptContextImpl(job.getConfiguration(), new TaskAttemptID());
    RangeSummaries summaries = new RangeSummaries(split);
    try (RecordReader<BytesWritable, IntWritable> reader =
        new TeraRangesInputFormat().createRecordReader(split, context)) {
      reader.initialize(split, context);
      while (reader.nextKeyValue()) {
        summaries.add(reader.getCurrentValue().get(), reader.getCurrentKey().getBytes());
      }
    }
    return summaries.summaries();
  }
}
