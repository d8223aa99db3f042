package io.sluice.jobs.mapreduce;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineTextInputFormat;

/**
 * Hadoop's {@link CombineTextInputFormat} (byte-offset keys, files split and combined) with splits
 * sized by {@link SmallFileSplits}: for jobs that do not need line numbers, so many small files
 * make a few map tasks.
 */
public final class CombinedTextInputFormat extends SizedCombineInputFormat<LongWritable, Text> {

  /** Hadoop's reader of combined text splits; it keeps no state of its own. */
  private final CombineTextInputFormat lines = new CombineTextInputFormat();

  @Override
  public RecordReader<LongWritable, Text> createRecordReader(
      InputSplit split, TaskAttemptContext context) throws IOException {
    return lines.createRecordReader(split, context);
  }
}
