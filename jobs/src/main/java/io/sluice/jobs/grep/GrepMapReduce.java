package io.sluice.jobs.grep;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.CombinedTextInputFormat;
import io.sluice.jobs.mapreduce.LongValues;
import io.sluice.jobs.mapreduce.MapReduceSubmission;
import io.sluice.jobs.mapreduce.RecordCounter;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grep as two MapReduce jobs: the first counts matches (mapper, summing combiner and reducer) into
 * {@link CountedMatch} sequence files; the second sorts those by count descending, then match, in
 * one reduce task and writes {@code count<TAB>match} text. One sorting reducer is enough: the
 * second job sees one record per distinct match, not per occurrence.
 */
public final class GrepMapReduce {

  private static final Logger LOG = LoggerFactory.getLogger(GrepMapReduce.class);

  static final String PATTERN_KEY = "sluice.grep.pattern";
  static final String GROUP_KEY = "sluice.grep.group";

  private GrepMapReduce() {}

  /** Emits (matched text, 1) for every match in a line. */
  public static class MatchMapper extends Mapper<LongWritable, Text, Text, LongWritable> {
    private static final LongWritable ONE = new LongWritable(1);
    private final Text match = new Text();
    private GrepPattern pattern;

    @Override
    protected void setup(Context context) {
      Configuration conf = context.getConfiguration();
      pattern = GrepPattern.compile(conf.get(PATTERN_KEY), conf.getInt(GROUP_KEY, 0));
    }

    @Override
    protected void map(LongWritable offset, Text line, Context context)
        throws IOException, InterruptedException {
      context.getCounter(RecordCounter.READ).increment(1);
      for (String found : pattern.matches(line.toString())) {
        match.set(found);
        context.write(match, ONE);
      }
      context.getCounter(RecordCounter.ACCEPTED).increment(1);
    }
  }

  /** Sums the counts of one match and emits it as a sortable {@link CountedMatch}. */
  public static class CountReducer extends Reducer<Text, LongWritable, CountedMatch, NullWritable> {
    private final CountedMatch counted = new CountedMatch();

    @Override
    protected void reduce(Text match, Iterable<LongWritable> counts, Context context)
        throws IOException, InterruptedException {
      counted.set(LongValues.sum(counts), match);
      context.write(counted, NullWritable.get());
    }
  }

  /** Writes the sorted matches as {@code count<TAB>match}. */
  public static class OrderedWriter
      extends Reducer<CountedMatch, NullWritable, LongWritable, Text> {
    private final LongWritable count = new LongWritable();

    @Override
    protected void reduce(CountedMatch key, Iterable<NullWritable> once, Context context)
        throws IOException, InterruptedException {
      count.set(key.count());
      context.write(count, key.match());
    }
  }

  static RecordCounts run(
      Configuration base, StorageUri input, GrepPattern pattern, Path output, int reducers) {
    Configuration conf = new Configuration(base);
    // Options were parsed by sluice itself; tells Hadoop not to warn about GenericOptionsParser.
    conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
    conf.set(PATTERN_KEY, pattern.regex());
    conf.setInt(GROUP_KEY, pattern.group());
    // In a hidden directory beside the output, so a failed run leaves nothing a reader would pick
    // up; the leaf itself must not be hidden, or FileInputFormat refuses to read it.
    Path work = new Path(output.getParent(), "." + output.getName() + ".grep-" + UUID.randomUUID());
    Path counts = new Path(work, "counts");
    try {
      Job count = Job.getInstance(conf, "sluice grep: count");
      count.setJarByClass(GrepMapReduce.class);
      count.setMapperClass(MatchMapper.class);
      count.setCombinerClass(LongSumReducer.class);
      count.setReducerClass(CountReducer.class);
      count.setMapOutputKeyClass(Text.class);
      count.setMapOutputValueClass(LongWritable.class);
      count.setOutputKeyClass(CountedMatch.class);
      count.setOutputValueClass(NullWritable.class);
      count.setOutputFormatClass(SequenceFileOutputFormat.class);
      count.setNumReduceTasks(reducers);
      // Many small files make a few map tasks, not one each.
      count.setInputFormatClass(CombinedTextInputFormat.class);
      FileInputFormat.addInputPath(count, input.toHadoopPath());
      FileInputFormat.setInputDirRecursive(count, true);
      FileOutputFormat.setOutputPath(count, counts);
      Counters countCounters = MapReduceSubmission.runToCompletion(count);

      Job sort = Job.getInstance(conf, "sluice grep: sort");
      sort.setJarByClass(GrepMapReduce.class);
      sort.setInputFormatClass(SequenceFileInputFormat.class);
      sort.setMapperClass(Mapper.class);
      sort.setReducerClass(OrderedWriter.class);
      sort.setMapOutputKeyClass(CountedMatch.class);
      sort.setMapOutputValueClass(NullWritable.class);
      sort.setOutputKeyClass(LongWritable.class);
      sort.setOutputValueClass(Text.class);
      sort.setNumReduceTasks(1);
      FileInputFormat.addInputPath(sort, counts);
      FileOutputFormat.setOutputPath(sort, output);
      Counters sortCounters = MapReduceSubmission.runToCompletion(sort);

      return RecordCounts.allAccepted(
          MapReduceSubmission.count(countCounters, RecordCounter.READ),
          MapReduceSubmission.reduceOutputRecords(sortCounters));
    } catch (IOException e) {
      throw new SluiceJobException("cannot set up MapReduce grep: " + e.getMessage(), e);
    } finally {
      try {
        work.getFileSystem(conf).delete(work, true);
      } catch (IOException e) {
        LOG.warn("could not remove intermediate counts {}: {}", work, e.toString());
      }
    }
  }
}
