package io.sluice.jobs.tera;

import io.sluice.jobs.mapreduce.SmallFileSplits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileRecordReader;
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
    return pack(job.getConfiguration(), ranges);
  }

  /** Ranges in path and offset order, packed into splits of at most the sized maximum. */
  static List<InputSplit> pack(Configuration conf, List<FileSplit> listed) {
    List<FileSplit> ranges = new ArrayList<>(listed);
    ranges.sort(Comparator.comparing(FileSplit::getPath).thenComparingLong(FileSplit::getStart));
    long max =
        SmallFileSplits.maxSplitBytes(conf, ranges.stream().mapToLong(FileSplit::getLength).sum());
    List<InputSplit> splits = new ArrayList<>();
    List<FileSplit> current = new ArrayList<>();
    long currentBytes = 0;
    for (FileSplit range : ranges) {
      if (!current.isEmpty() && currentBytes + range.getLength() > max) {
        splits.add(combined(current));
        current.clear();
        currentBytes = 0;
      }
      current.add(range);
      currentBytes += range.getLength();
    }
    if (!current.isEmpty()) {
      splits.add(combined(current));
    }
    return splits;
  }

  private static CombineFileSplit combined(List<FileSplit> ranges) {
    int n = ranges.size();
    Path[] paths = new Path[n];
    long[] starts = new long[n];
    long[] lengths = new long[n];
    for (int i = 0; i < n; i++) {
      paths[i] = ranges.get(i).getPath();
      starts[i] = ranges.get(i).getStart();
      lengths[i] = ranges.get(i).getLength();
    }
    // No host hints: the ranges of one split may live anywhere, and local runs ignore them.
    return new CombineFileSplit(paths, starts, lengths, new String[0]);
  }

  @Override
  public RecordReader<BytesWritable, IntWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) throws IOException {
    return new CombineFileRecordReader<>((CombineFileSplit) split, context, RangeReader.class);
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
