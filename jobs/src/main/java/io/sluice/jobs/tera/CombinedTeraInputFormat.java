package io.sluice.jobs.tera;

import io.sluice.jobs.mapreduce.CombinedSplitReader;
import io.sluice.jobs.mapreduce.SizedCombineInputFormat;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import java.io.IOException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;

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
    return new CombinedSplitReader<>(split, context, RangeReader.class);
  }

  /** A file range's records, valued as TeraRecordInputFormat values them. */
  public static final class RangeReader extends TeraRangeReader<NullWritable> {
    public RangeReader(CombineFileSplit split, TaskAttemptContext context, Integer index) {
      super(index);
    }

    @Override
    public NullWritable getCurrentValue() {
      return records.getCurrentValue();
    }
  }
}
