package io.sluice.jobs.logs;

import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.FileLineNumber;
import io.sluice.jobs.mapreduce.LongValues;
import io.sluice.jobs.mapreduce.MapReduceSubmission;
import io.sluice.jobs.mapreduce.NumberedLineInputFormat;
import io.sluice.jobs.mapreduce.RecordCounter;
import io.sluice.jobs.mapreduce.RejectedOutput;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;

/**
 * The access-log reports on the MapReduce API. The mapper parses each line and emits one
 * (report-tagged key, number) pair per report; a summing combiner and a single reducer aggregate
 * them and write each report's CSV through {@link MultipleOutputs}. Keys arrive sorted, which is
 * the report order for every report but the top URIs, which the reducer ranks at the end.
 */
public final class AccessLogMapReduce {

  static final String FORMAT = "sluice.logs.format";
  static final String TOP = "sluice.logs.top";
  private static final String CSV_OUTPUT = "csv";

  /** Counters beyond the records read, accepted and rejected. */
  public enum LogCounter {
    /** CloudFront #Version / #Fields lines: not records. */
    HEADER_LINES,
    /** Rows written to the reports (headers not counted). */
    ROWS_WRITTEN
  }

  private AccessLogMapReduce() {}

  /** Parses a line; a request feeds every report, a bad line goes to _rejected/ with its reason. */
  public static class ParseMapper extends Mapper<LongWritable, Text, Text, LongWritable> {
    private final Text key = new Text();
    private final LongWritable value = new LongWritable();
    private AccessLogFormat format;
    private String source;
    private MultipleOutputs<Text, LongWritable> outputs;

    @Override
    protected void setup(Context context) {
      format = AccessLogFormat.valueOf(context.getConfiguration().get(FORMAT));
      outputs = new MultipleOutputs<>(context);
    }

    @Override
    protected void map(LongWritable lineNumber, Text text, Context context)
        throws IOException, InterruptedException {
      source = FileLineNumber.sourceOf(lineNumber);
      String line = text.toString();
      LogLine parsed = AccessLogParser.parse(line, format);
      switch (parsed.kind()) {
        case HEADER -> context.getCounter(LogCounter.HEADER_LINES).increment(1);
        case REJECTED -> {
          context.getCounter(RecordCounter.READ).increment(1);
          context.getCounter(RecordCounter.REJECTED).increment(1);
          RejectedRecord rejected =
              new RejectedRecord(source, lineNumber.get(), null, parsed.reason(), line);
          RejectedOutput.write(outputs, new Text(rejected.toJson()));
        }
        case REQUEST -> {
          context.getCounter(RecordCounter.READ).increment(1);
          emit(context, Report.OS_BY_DAY, parsed.date() + "\t" + parsed.os(), 1);
          emit(context, Report.TOP_URIS, parsed.uri(), 1);
          emit(context, Report.STATUS_CODES, parsed.status(), 1);
          emit(context, Report.BYTES_BY_DAY, parsed.date(), parsed.bytes());
          context.getCounter(RecordCounter.ACCEPTED).increment(1);
        }
        default -> throw new IllegalStateException(parsed.kind().name());
      }
    }

    private void emit(Context context, Report report, String fields, long number)
        throws IOException, InterruptedException {
      key.set(report.ordinal() + "\t" + fields);
      value.set(number);
      context.write(key, value);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      outputs.close();
    }
  }

  /** Writes every report: headers first, rows in key order, the ranked top URIs last. */
  public static class ReportReducer extends Reducer<Text, LongWritable, Text, NullWritable> {
    private MultipleOutputs<Text, NullWritable> outputs;
    private int top;

    /** The best URIs so far, worst first, so the head is the one to drop. */
    private PriorityQueue<UriCount> best;

    @Override
    protected void setup(Context context) throws IOException, InterruptedException {
      outputs = new MultipleOutputs<>(context);
      top = context.getConfiguration().getInt(TOP, 10);
      best = new PriorityQueue<>(UriCount.RANKING.reversed());
      for (Report report : Report.values()) {
        outputs.write(
            CSV_OUTPUT,
            new Text(report.header()),
            NullWritable.get(),
            report.directory() + "/part");
      }
    }

    @Override
    protected void reduce(Text key, Iterable<LongWritable> values, Context context)
        throws IOException, InterruptedException {
      long total = LongValues.sum(values);
      String k = key.toString();
      int tab = k.indexOf('\t');
      Report report = Report.values()[Integer.parseInt(k.substring(0, tab))];
      String fields = k.substring(tab + 1);
      switch (report) {
        case OS_BY_DAY -> {
          String[] dayAndOs = fields.split("\t", 2);
          write(context, report, Report.csvLine(dayAndOs[0], dayAndOs[1], total));
        }
        case TOP_URIS -> {
          best.add(new UriCount(fields.getBytes(StandardCharsets.UTF_8), total));
          if (best.size() > top) {
            best.poll();
          }
        }
        case STATUS_CODES, BYTES_BY_DAY -> write(context, report, Report.csvLine(fields, total));
        default -> throw new IllegalStateException(report.name());
      }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      List<UriCount> ranked = new ArrayList<>(best);
      ranked.sort(UriCount.RANKING);
      for (int i = 0; i < ranked.size(); i++) {
        UriCount u = ranked.get(i);
        write(
            context,
            Report.TOP_URIS,
            Report.csvLine(i + 1, new String(u.uri(), StandardCharsets.UTF_8), u.requests()));
      }
      outputs.close();
    }

    private void write(Context context, Report report, String line)
        throws IOException, InterruptedException {
      outputs.write(CSV_OUTPUT, new Text(line), NullWritable.get(), report.directory() + "/part");
      context.getCounter(LogCounter.ROWS_WRITTEN).increment(1);
    }
  }

  /** A URI (UTF-8, compared as bytes like Spark compares strings) and its request count. */
  record UriCount(byte[] uri, long requests) {
    /** Most requests first, then by URI. */
    static final Comparator<UriCount> RANKING =
        Comparator.comparingLong(UriCount::requests)
            .reversed()
            .thenComparing(UriCount::uri, Arrays::compareUnsigned);
  }

  static AccessLogJob.Result run(
      Configuration conf, StorageUri input, Path output, AccessLogFormat format, int top) {
    try {
      conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
      conf.set(FORMAT, format.name());
      conf.setInt(TOP, top);
      Job job = Job.getInstance(conf, "sluice logs");
      job.setJarByClass(AccessLogMapReduce.class);
      job.setInputFormatClass(NumberedLineInputFormat.class);
      FileInputFormat.addInputPath(job, input.toHadoopPath());
      FileInputFormat.setInputDirRecursive(job, true);
      job.setMapperClass(ParseMapper.class);
      job.setCombinerClass(LongSumReducer.class);
      job.setReducerClass(ReportReducer.class);
      job.setMapOutputKeyClass(Text.class);
      job.setMapOutputValueClass(LongWritable.class);
      job.setOutputKeyClass(Text.class);
      job.setOutputValueClass(NullWritable.class);
      // One reducer: each report is one file, and the top URIs need every URI's count in one place.
      job.setNumReduceTasks(1);
      LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
      MultipleOutputs.addNamedOutput(
          job, CSV_OUTPUT, TextOutputFormat.class, Text.class, NullWritable.class);
      RejectedOutput.declare(job);
      FileOutputFormat.setOutputPath(job, output);
      Counters counters = MapReduceSubmission.runToCompletion(job);

      // Same file name as the Spark path writes, so both outputs look alike.
      FileSystem fs = output.getFileSystem(conf);
      for (Report report : Report.values()) {
        Path dir = new Path(output, report.directory());
        // One reducer writes each report: part-r-00000, with a job id after it from the S3A
        // committers.
        FileStatus[] parts = fs.globStatus(new Path(dir, "part-r-00000*"));
        if (parts == null
            || parts.length != 1
            || !fs.rename(parts[0].getPath(), new Path(dir, Report.FILE_NAME))) {
          throw new SluiceJobException(
              "MapReduce logs job wrote no " + report.directory() + " report under " + output);
        }
      }
      return new AccessLogJob.Result(
          MapReduceSubmission.count(counters, RecordCounter.READ),
          MapReduceSubmission.count(counters, RecordCounter.ACCEPTED),
          MapReduceSubmission.count(counters, RecordCounter.REJECTED),
          counters.findCounter(LogCounter.ROWS_WRITTEN).getValue(),
          counters.findCounter(LogCounter.HEADER_LINES).getValue());
    } catch (IOException e) {
      throw new SluiceJobException("MapReduce logs job failed: " + e.getMessage(), e);
    }
  }
}
