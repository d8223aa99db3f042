package io.sluice.jobs.tera;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Row numbers 0..rows-1 in contiguous ranges, one split per map task: input for a generator that
 * reads nothing. Split {@code i} of {@code n} covers rows {@code [i·rows/n, (i+1)·rows/n)}, so map
 * task {@code i} writes {@code part-m-0000i} and the parts in name order hold the rows in order.
 */
public class RowRangeInputFormat extends InputFormat<LongWritable, NullWritable> {

  static final String ROWS = "sluice.teragen.rows";
  static final String SPLITS = "sluice.teragen.splits";

  static void configure(Configuration conf, long rows, int splits) {
    conf.setLong(ROWS, rows);
    conf.setInt(SPLITS, splits);
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) {
    long rows = context.getConfiguration().getLong(ROWS, 0);
    int splits = context.getConfiguration().getInt(SPLITS, 1);
    List<InputSplit> out = new ArrayList<>(splits);
    for (int i = 0; i < splits; i++) {
      long first = firstRow(rows, splits, i);
      out.add(new RowRange(first, firstRow(rows, splits, i + 1) - first));
    }
    return out;
  }

  /** i·rows/n; the product can overflow a long, the quotient cannot. */
  static long firstRow(long rows, int splits, int i) {
    return BigInteger.valueOf(rows)
        .multiply(BigInteger.valueOf(i))
        .divide(BigInteger.valueOf(splits))
        .longValueExact();
  }

  @Override
  public RecordReader<LongWritable, NullWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new RecordReader<>() {
      private final LongWritable row = new LongWritable();
      private long next;
      private long end;
      private long first;

      @Override
      public void initialize(InputSplit s, TaskAttemptContext c) {
        RowRange range = (RowRange) s;
        first = range.firstRow;
        next = range.firstRow;
        end = range.firstRow + range.rowCount;
      }

      @Override
      public boolean nextKeyValue() {
        if (next >= end) {
          return false;
        }
        row.set(next++);
        return true;
      }

      @Override
      public LongWritable getCurrentKey() {
        return row;
      }

      @Override
      public NullWritable getCurrentValue() {
        return NullWritable.get();
      }

      @Override
      public float getProgress() {
        return end == first ? 1f : (next - first) / (float) (end - first);
      }

      @Override
      public void close() {}
    };
  }

  /** A range of row numbers; it has no data, so no locations. */
  public static class RowRange extends InputSplit implements Writable {
    long firstRow;
    long rowCount;

    public RowRange() {}

    RowRange(long firstRow, long rowCount) {
      this.firstRow = firstRow;
      this.rowCount = rowCount;
    }

    @Override
    public long getLength() {
      return rowCount * TeraFormat.RECORD_LENGTH;
    }

    @Override
    public String[] getLocations() {
      return new String[0];
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeLong(firstRow);
      out.writeLong(rowCount);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
      firstRow = in.readLong();
      rowCount = in.readLong();
    }

    @Override
    public String toString() {
      return "rows " + firstRow + ".." + (firstRow + rowCount - 1);
    }
  }
}
