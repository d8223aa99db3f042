package io.sluice.jobs.tera;

import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.MapReduceSubmission;
import io.sluice.jobs.mapreduce.RecordCounter;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/** TeraGen as a map-only MapReduce job: one map task per range of row numbers. */
final class TeraGenMapReduce {

  private TeraGenMapReduce() {}

  /** Writes the row of each row number it is given; rows of one task are consecutive. */
  public static class RowMapper
      extends Mapper<LongWritable, NullWritable, BytesWritable, NullWritable> {
    private final BytesWritable record = new BytesWritable(new byte[TeraFormat.RECORD_LENGTH]);
    private TeraRowGenerator generator;

    @Override
    protected void map(LongWritable row, NullWritable ignored, Context context)
        throws IOException, InterruptedException {
      context.getCounter(RecordCounter.READ).increment(1);
      if (generator == null || generator.nextRow() != row.get()) {
        generator = new TeraRowGenerator(row.get());
      }
      generator.next(record.getBytes());
      context.write(record, NullWritable.get());
      context.getCounter(RecordCounter.ACCEPTED).increment(1);
    }
  }

  /** Runs the job and returns the records written. */
  static long run(Configuration conf, long rows, int partitions, Path output) {
    try {
      conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
      RowRangeInputFormat.configure(conf, rows, partitions);
      Job job = Job.getInstance(conf, "sluice teragen");
      job.setJarByClass(TeraGenMapReduce.class);
      job.setInputFormatClass(RowRangeInputFormat.class);
      job.setMapperClass(RowMapper.class);
      job.setNumReduceTasks(0);
      job.setOutputKeyClass(BytesWritable.class);
      job.setOutputValueClass(NullWritable.class);
      job.setOutputFormatClass(TeraRecordOutputFormat.class);
      FileOutputFormat.setOutputPath(job, output);
      Counters counters = MapReduceSubmission.runToCompletion(job);
      return counters.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue();
    } catch (IOException e) {
      throw new SluiceJobException("cannot set up MapReduce teragen: " + e.getMessage(), e);
    }
  }
}
