package io.sluice.jobs.tera;

import io.sluice.jobs.mapreduce.SizedCombineInputFormat;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import java.io.IOException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileRecordReader;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Tera records of many files combined into splits sized by {@link SmallFileSplits}, so 1,000 small
 * files make a few tasks. Each file range of a split is read by {@link TeraRecordInputFormat}'s
 * reader, so a record still belongs to the range its first byte falls in and short last records are
 * left to {@link TeraInputScan}, as with one split per range.
 */
public final class CombinedTeraInputFormat
    extends SizedCombineInputFormat<BytesWritable, NullWritable> {

  @Override
  public RecordReader<BytesWritable, NullWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) throws IOException {
    return new CombineFileRecordReader<>((CombineFileSplit) split, context, RangeReader.class);
  }

  /** Reads one file range of a combined split (CombineFileRecordReader makes one per range). */
  public static final class RangeReader extends RecordReader<BytesWritable, NullWritable> {
    private final TeraRecordInputFormat.TeraRecordReader records =
        new TeraRecordInputFormat.TeraRecordReader();
    private final int index;

    public RangeReader(CombineFileSplit split, TaskAttemptContext context, Integer index) {
      this.index = index;
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) throws IOException {
      CombineFileSplit combined = (CombineFileSplit) split;
      records.initialize(
          new FileSplit(
              combined.getPath(index),
              combined.getOffset(index),
              combined.getLength(index),
              new String[0]),
          context);
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      return records.nextKeyValue();
    }

    @Override
    public BytesWritable getCurrentKey() {
      return records.getCurrentKey();
    }

    @Override
    public NullWritable getCurrentValue() {
      return records.getCurrentValue();
    }

    @Override
    public float getProgress() {
      return records.getProgress();
    }

    @Override
    public void close() throws IOException {
      records.close();
    }
  }
}
