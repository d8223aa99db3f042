package io.sluice.jobs.wordcount;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.CombinedTextInputFormat;
import io.sluice.jobs.mapreduce.MapReduceSubmission;
import io.sluice.jobs.mapreduce.RecordCounter;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.StringTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.reduce.IntSumReducer;

/** WordCount on the MapReduce API: tokenising mapper, Hadoop's summing combiner and reducer. */
public final class WordCountMapReduce {

  private WordCountMapReduce() {}

  /** Emits (token, 1) for every whitespace-separated token of a line. */
  public static class TokenMapper extends Mapper<LongWritable, Text, Text, IntWritable> {
    private static final IntWritable ONE = new IntWritable(1);
    private final Text word = new Text();

    @Override
    protected void map(LongWritable offset, Text line, Context context)
        throws IOException, InterruptedException {
      context.getCounter(RecordCounter.READ).increment(1);
      StringTokenizer tokens = new StringTokenizer(line.toString());
      while (tokens.hasMoreTokens()) {
        word.set(tokens.nextToken());
        context.write(word, ONE);
      }
      context.getCounter(RecordCounter.ACCEPTED).increment(1);
    }
  }

  static RecordCounts run(Configuration conf, StorageUri input, Path output, int reducers) {
    try {
      // Options were parsed by sluice itself; tells Hadoop not to warn about GenericOptionsParser.
      conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
      Job job = Job.getInstance(conf, "sluice wordcount");
      job.setJarByClass(WordCountMapReduce.class);
      job.setMapperClass(TokenMapper.class);
      // Hadoop's own summing reducer, as its example WordCount uses: combiner and reducer.
      job.setCombinerClass(IntSumReducer.class);
      job.setReducerClass(IntSumReducer.class);
      job.setOutputKeyClass(Text.class);
      job.setOutputValueClass(IntWritable.class);
      job.setNumReduceTasks(reducers);
      // Many small files make a few map tasks, not one each.
      job.setInputFormatClass(CombinedTextInputFormat.class);
      FileInputFormat.addInputPath(job, input.toHadoopPath());
      FileInputFormat.setInputDirRecursive(job, true);
      FileOutputFormat.setOutputPath(job, output);
      Counters counters = MapReduceSubmission.runToCompletion(job);
      return RecordCounts.allAccepted(
          MapReduceSubmission.count(counters, RecordCounter.READ),
          MapReduceSubmission.reduceOutputRecords(counters));
    } catch (IOException e) {
      throw new SluiceJobException("cannot set up MapReduce wordcount: " + e.getMessage(), e);
    }
  }
}
