package io.sluice.jobs.tera;

import java.io.IOException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads one file range of a combined split with {@link TeraRecordInputFormat}'s reader, so a record
 * still belongs to the range its first byte falls in; {@code CombineFileRecordReader} makes one per
 * range. Subclasses say what a record's value is.
 */
abstract class TeraRangeReader<V> extends RecordReader<BytesWritable, V> {
  final TeraRecordInputFormat.TeraRecordReader records =
      new TeraRecordInputFormat.TeraRecordReader();
  final int index;

  TeraRangeReader(int index) {
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
  public float getProgress() {
    return records.getProgress();
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}
