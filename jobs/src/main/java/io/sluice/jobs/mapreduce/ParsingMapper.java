package io.sluice.jobs.mapreduce;

import io.sluice.jobs.JobParameters;
import io.sluice.jobs.LineParser;
import io.sluice.jobs.RecordRejectedException;
import io.sluice.jobs.RejectedRecord;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * A Mapper over parsed records: Sluice reads each file's numbered lines, parses them with the job's
 * {@link LineParser}, counts every record ({@link RecordCounter}), writes rejected lines under
 * {@code _rejected/} and hands each accepted record to {@link #map(Object, Context)}. Run it with
 * {@link MapReduceLines}.
 *
 * <pre>{@code
 * public static class ValueMapper extends ParsingMapper<String, Text, LongWritable> {
 *   private final Text value = new Text();
 *   private final LongWritable one = new LongWritable(1);
 *   protected void map(String record, Context context) throws IOException, InterruptedException {
 *     value.set(record);
 *     context.write(value, one);
 *   }
 * }
 * }</pre>
 *
 * @param <T> the parsed record
 * @param <K> the map output key
 * @param <V> the map output value
 */
public abstract class ParsingMapper<T, K, V> extends Mapper<LongWritable, Text, K, V> {

  private String source;
  private LineParser.Factory<T> parsers;
  private JobParameters parameters;
  private LineParser<T> parser;
  private MultipleOutputs<K, V> outputs;
  private final Text rejected = new Text();

  /** Handles one accepted record: write zero or more key/value pairs. */
  protected abstract void map(T record, Context context) throws IOException, InterruptedException;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    parsers = MapReduceLines.parserFactory(context.getConfiguration());
    parameters = MapReduceLines.parameters(context.getConfiguration());
    outputs = new MultipleOutputs<>(context);
  }

  @Override
  protected final void map(LongWritable line, Text text, Context context)
      throws IOException, InterruptedException {
    String file = FileLineNumber.sourceOf(line);
    if (file != source) { // same instance for every line of a file: a combined split's next file
      source = file;
      parser = parsers.open(source, parameters);
    }
    String value = text.toString();
    T record;
    try {
      record = parser.parse(line.get(), value);
    } catch (RecordRejectedException e) {
      context.getCounter(RecordCounter.READ).increment(1);
      context.getCounter(RecordCounter.REJECTED).increment(1);
      rejected.set(new RejectedRecord(source, line.get(), e.field(), e.reason(), value).toJson());
      RejectedOutput.write(outputs, rejected);
      return;
    }
    if (record == null) {
      return; // not a record (a header line)
    }
    context.getCounter(RecordCounter.READ).increment(1);
    map(record, context);
    context.getCounter(RecordCounter.ACCEPTED).increment(1);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    outputs.close();
  }
}
