package io.sluice.jobs.mapreduce;

import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.LineParser;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJobException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

/**
 * A MapReduce job over parsed lines, set up and run by Sluice: the input's files are read with
 * their line numbers ({@link NumberedLineInputFormat}), parsed in a {@link ParsingMapper}, and
 * reduced by ordinary Hadoop {@link Reducer}s into {@code key<TAB>value} text files in the run's
 * staged output. Counters become the run's {@link RecordCounts}.
 *
 * <pre>{@code
 * return MapReduceLines.of(run, "input", ValueParsers.class)
 *     .mapper(ValueMapper.class, Text.class, LongWritable.class)
 *     .combiner(LongSumReducer.class)
 *     .reducer(LongSumReducer.class, Text.class, LongWritable.class)
 *     .run();
 * }</pre>
 */
public final class MapReduceLines {

  private static final String PARSER_FACTORY = "sluice.job.parser-factory";
  private static final String PARAMETER_PREFIX = "sluice.job.parameter.";

  private final JobRun run;
  private final String inputParameter;
  private final Class<?> parsers;
  private Class<? extends ParsingMapper<?, ?, ?>> mapper;
  private Class<?> mapKey;
  private Class<?> mapValue;
  private Class<? extends Reducer<?, ?, ?, ?>> combiner;
  private Class<? extends Reducer<?, ?, ?, ?>> reducer;
  private Class<?> outputKey;
  private Class<?> outputValue;
  private int reducers = 1;

  private MapReduceLines(JobRun run, String inputParameter, Class<?> parsers) {
    this.run = run;
    this.inputParameter = inputParameter;
    this.parsers = parsers;
  }

  /**
   * @param inputParameter the job parameter naming the input location
   * @param parsers the parser factory, instantiated in every map task (public, no-argument
   *     constructor)
   */
  public static <T> MapReduceLines of(
      JobRun run, String inputParameter, Class<? extends LineParser.Factory<T>> parsers) {
    return new MapReduceLines(run, inputParameter, parsers);
  }

  public <K, V> MapReduceLines mapper(
      Class<? extends ParsingMapper<?, K, V>> mapperClass, Class<K> key, Class<V> value) {
    this.mapper = mapperClass;
    this.mapKey = key;
    this.mapValue = value;
    return this;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  public MapReduceLines combiner(Class<? extends Reducer> combinerClass) {
    this.combiner = (Class) combinerClass;
    return this;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  public <K, V> MapReduceLines reducer(
      Class<? extends Reducer> reducerClass, Class<K> key, Class<V> value) {
    this.reducer = (Class) reducerClass;
    this.outputKey = key;
    this.outputValue = value;
    return this;
  }

  /** Reduce tasks (default 1: one part file, in key order); 0 makes a map-only job. */
  public MapReduceLines reducers(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("reducers cannot be negative: " + count);
    }
    this.reducers = count;
    return this;
  }

  /** Submits the job, waits for it, and returns its counts. */
  public RecordCounts run() {
    Objects.requireNonNull(mapper, "mapper");
    Configuration conf = new Configuration(run.conf());
    // Options were parsed by Sluice itself; tells Hadoop not to warn about GenericOptionsParser.
    conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
    conf.set(PARSER_FACTORY, parsers.getName());
    run.parameters().asMap().forEach((k, v) -> conf.set(PARAMETER_PREFIX + k, v));
    try {
      Job job = Job.getInstance(conf, "sluice " + run.jobName());
      // The mapper's jar is the user's job jar: Hadoop ships it to the tasks.
      job.setJarByClass(mapper);
      job.setInputFormatClass(NumberedLineInputFormat.class);
      FileInputFormat.addInputPath(job, run.location(inputParameter).toHadoopPath());
      FileInputFormat.setInputDirRecursive(job, true);
      job.setMapperClass(mapper);
      job.setMapOutputKeyClass(mapKey);
      job.setMapOutputValueClass(mapValue);
      if (combiner != null) {
        job.setCombinerClass(combiner);
      }
      job.setNumReduceTasks(reducers);
      if (reducer != null) {
        job.setReducerClass(reducer);
        job.setOutputKeyClass(outputKey);
        job.setOutputValueClass(outputValue);
      } else {
        job.setOutputKeyClass(mapKey);
        job.setOutputValueClass(mapValue);
      }
      job.setOutputFormatClass(TextOutputFormat.class);
      FileOutputFormat.setOutputPath(job, run.output());
      RejectedOutput.declare(job);
      Counters counters = MapReduceSubmission.runToCompletion(job);
      long written =
          counters
              .findCounter(
                  reducers == 0
                      ? TaskCounter.MAP_OUTPUT_RECORDS
                      : TaskCounter.REDUCE_OUTPUT_RECORDS)
              .getValue();
      return new RecordCounts(
          MapReduceSubmission.count(counters, RecordCounter.READ),
          MapReduceSubmission.count(counters, RecordCounter.ACCEPTED),
          MapReduceSubmission.count(counters, RecordCounter.REJECTED),
          written);
    } catch (IOException e) {
      throw new SluiceJobException(
          "cannot set up MapReduce " + run.jobName() + ": " + e.getMessage(), e);
    }
  }

  /** The job's parameters, as a map task sees them. */
  static JobParameters parameters(Configuration conf) {
    Map<String, String> values = new LinkedHashMap<>();
    conf.getPropsWithPrefix(PARAMETER_PREFIX).forEach(values::put);
    return JobParameters.restore(values);
  }

  static <T> LineParser.Factory<T> parserFactory(Configuration conf) {
    String name = conf.get(PARSER_FACTORY);
    try {
      return LineParser.Factory.of(Class.forName(name, true, conf.getClassLoader()));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "cannot find the line parser factory " + name + " on the task's classpath", e);
    }
  }
}
