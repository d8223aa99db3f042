package io.sluice.jobs.tera;

import io.sluice.jobs.mapreduce.CombinedSplitReader;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Tera records for teravalidate: the file ranges {@link TeraRecordInputFormat} splits the input
 * into, packed in path and offset order into combined splits sized by {@link SmallFileSplits}, so
 * 1,000 small files make a few tasks. Each record's value is the index of its range in the combined
 * split: validation summarises each range as before ({@link RangeSummaries}), so the report is the
 * same bytes whichever way the ranges are packed.
 */
public final class TeraRangesInputFormat extends FileInputFormat<BytesWritable, IntWritable> {

  /** Lists without a process per local file (see {@link SmallFileSplits#listFiles}). */
  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    return SmallFileSplits.listFiles(job);
  }

  @Override
  public List<InputSplit> getSplits(JobContext job) throws IOException {
    List<FileSplit> ranges = new ArrayList<>();
    for (InputSplit split : new TeraRecordInputFormat().getSplits(job)) {
      ranges.add((FileSplit) split);
    }
    return SmallFileSplits.packRanges(job.getConfiguration(), ranges);
  }

  @Override
  public RecordReader<BytesWritable, IntWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) throws IOException {
    return new CombinedSplitReader<>(split, context, RangeReader.class);
  }

  /** Reads one range of a combined split; every value is the range's index. */
  public static final class RangeReader extends TeraRangeReader<IntWritable> {
    private final IntWritable value;

    /** CombineFileRecordReader makes one per range, through this constructor. */
    public RangeReader(CombineFileSplit split, TaskAttemptContext context, Integer index) {
      super(index);
      this.value = new IntWritable(index);
    }

    @Override
    public IntWritable getCurrentValue() {
      return value;
    }
  }
}
