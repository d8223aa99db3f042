package io.sluice.jobs.mapreduce;

import io.sluice.jobs.RejectedRecord;
import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * The named output ({@link MultipleOutputs}) MapReduce tasks write rejected records to: JSON lines
 * ({@link RejectedRecord#toJson()}) under {@code _rejected/} of the job's output.
 */
public final class RejectedOutput {

  static final String NAME = "rejected";

  private RejectedOutput() {}

  /** Declares the output on a job whose tasks reject records. */
  public static void declare(Job job) {
    MultipleOutputs.addNamedOutput(
        job, NAME, TextOutputFormat.class, NullWritable.class, Text.class);
  }

  /** Writes one rejected record's JSON line. */
  public static void write(MultipleOutputs<?, ?> outputs, Text json)
      throws IOException, InterruptedException {
    outputs.write(NAME, NullWritable.get(), json, RejectedRecord.DIRECTORY + "/part");
  }
}
