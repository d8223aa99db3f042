package io.sluice.jobs.tera;

import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.MapReduceSubmission;
import io.sluice.jobs.mapreduce.RecordCounter;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * TeraValidate on MapReduce: each map task summarises every file range of its combined split
 * ({@link SplitSummary}, {@link TeraRangesInputFormat}); one reducer puts the summaries in file
 * order, checks the boundaries between them and writes the report.
 */
final class TeraValidateMapReduce {

  /** Counts problems found, so the client can tell without reading the report. */
  enum ValidationCounter {
    ERRORS
  }

  /** Short records found by the client, handed to the reducer for the report. */
  private static final String SHORT_RECORDS = "sluice.teravalidate.short-records";

  private TeraValidateMapReduce() {}

  /** Summarises each file range of its combined split, as one task per range would. */
  public static class SummaryMapper
      extends Mapper<BytesWritable, IntWritable, NullWritable, SplitSummary> {
    private RangeSummaries summaries;

    @Override
    protected void setup(Context context) {
      summaries = new RangeSummaries((CombineFileSplit) context.getInputSplit());
    }

    @Override
    protected void map(BytesWritable record, IntWritable range, Context context) {
      context.getCounter(RecordCounter.READ).increment(1);
      summaries.add(range.get(), record.getBytes());
      context.getCounter(RecordCounter.ACCEPTED).increment(1);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      for (SplitSummary summary : summaries.summaries()) {
        context.write(NullWritable.get(), summary);
      }
    }
  }

  /** Collects every split's summary and writes the report once all are in (also for no input). */
  public static class ReportReducer
      extends Reducer<NullWritable, SplitSummary, NullWritable, Text> {
    private final List<SplitSummary> summaries = new ArrayList<>();

    @Override
    protected void reduce(NullWritable none, Iterable<SplitSummary> splits, Context context) {
      for (SplitSummary split : splits) {
        // Hadoop reuses the value object between iterations.
        summaries.add(WritableUtils.clone(split, context.getConfiguration()));
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      ValidationReport report =
          ValidationReport.of(summaries, shortRecords(context.getConfiguration()));
      context.getCounter(ValidationCounter.ERRORS).increment(report.errors().size());
      Text line = new Text();
      for (String l : report.lines()) {
        line.set(l);
        context.write(NullWritable.get(), line);
      }
    }
  }

  static TeraValidateJob.ValidateResult run(
      Configuration conf,
      StorageUri input,
      List<ValidationReport.ShortRecord> shortRecords,
      Path output) {
    try {
      conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
      setShortRecords(conf, shortRecords);
      Job job = Job.getInstance(conf, "sluice teravalidate");
      job.setJarByClass(TeraValidateMapReduce.class);
      job.setInputFormatClass(TeraRangesInputFormat.class);
      FileInputFormat.setInputPaths(job, input.toHadoopPath());
      FileInputFormat.setInputDirRecursive(job, true);
      job.setMapperClass(SummaryMapper.class);
      job.setMapOutputKeyClass(NullWritable.class);
      job.setMapOutputValueClass(SplitSummary.class);
      job.setReducerClass(ReportReducer.class);
      job.setNumReduceTasks(1);
      job.setOutputKeyClass(NullWritable.class);
      job.setOutputValueClass(Text.class);
      job.setOutputFormatClass(TextOutputFormat.class);
      FileOutputFormat.setOutputPath(job, output);
      Counters counters = MapReduceSubmission.runToCompletion(job);
      return new TeraValidateJob.ValidateResult(
          MapReduceSubmission.count(counters, RecordCounter.ACCEPTED),
          counters.findCounter(ValidationCounter.ERRORS).getValue(),
          MapReduceSubmission.reduceOutputRecords(counters));
    } catch (IOException e) {
      throw new SluiceJobException("cannot set up MapReduce teravalidate: " + e.getMessage(), e);
    }
  }

  /** One entry per key (not a comma list): file names may contain commas. */
  private static void setShortRecords(
      Configuration conf, List<ValidationReport.ShortRecord> shortRecords) {
    conf.setInt(SHORT_RECORDS, shortRecords.size());
    for (int i = 0; i < shortRecords.size(); i++) {
      ValidationReport.ShortRecord r = shortRecords.get(i);
      conf.set(SHORT_RECORDS + "." + i + ".file", r.file());
      conf.setLong(SHORT_RECORDS + "." + i + ".offset", r.offset());
      conf.setInt(SHORT_RECORDS + "." + i + ".length", r.length());
    }
  }

  private static List<ValidationReport.ShortRecord> shortRecords(Configuration conf) {
    List<ValidationReport.ShortRecord> out = new ArrayList<>();
    for (int i = 0; i < conf.getInt(SHORT_RECORDS, 0); i++) {
      out.add(
          new ValidationReport.ShortRecord(
              conf.get(SHORT_RECORDS + "." + i + ".file"),
              conf.getLong(SHORT_RECORDS + "." + i + ".offset", -1),
              conf.getInt(SHORT_RECORDS + "." + i + ".length", -1)));
    }
    return out;
  }
}
