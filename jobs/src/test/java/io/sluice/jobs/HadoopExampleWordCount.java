package io.sluice.jobs;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.examples.WordCount;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Hadoop's own example WordCount (hadoop-mapreduce-examples) as a job, set up as its {@code main}
 * does: the reference the ITs and the benchmark compare Sluice's wordcount with, byte for byte.
 * Other modules use it through this module's test-jar.
 */
public final class HadoopExampleWordCount {

  /** The job's name, as the ResourceManager lists it. */
  public static final String NAME = "hadoop example wordcount";

  private HadoopExampleWordCount() {}

  /** The job from {@code input} to {@code output}, not yet submitted. */
  public static Job job(Configuration conf, Path input, Path output) throws IOException {
    Job job = Job.getInstance(conf, NAME);
    job.setJarByClass(WordCount.class);
    job.setMapperClass(WordCount.TokenizerMapper.class);
    job.setCombinerClass(WordCount.IntSumReducer.class);
    job.setReducerClass(WordCount.IntSumReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(IntWritable.class);
    FileInputFormat.addInputPath(job, input);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }
}
