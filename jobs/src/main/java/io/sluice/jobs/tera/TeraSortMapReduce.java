package io.sluice.jobs.tera;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.MapReduceSubmission;
import io.sluice.jobs.mapreduce.RecordCounter;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.partition.InputSampler;
import org.apache.hadoop.mapreduce.lib.partition.TotalOrderPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TeraSort on MapReduce. The shuffle sorts whole records by unsigned bytes; a total-order
 * partitioner sends each reducer one key range, cut at split points sampled from the input, so
 * reducer {@code i}'s {@code part-r-0000i} holds the i-th range and the parts in name order are
 * sorted.
 */
final class TeraSortMapReduce {

  private static final Logger LOG = LoggerFactory.getLogger(TeraSortMapReduce.class);

  /** Sampled like Hadoop's TeraSort: 100,000 records from up to 10 splits spread over the input. */
  static final int SAMPLE_RECORDS = 100_000;

  static final int SAMPLED_SPLITS = 10;

  private TeraSortMapReduce() {}

  /** Passes records through, counting them. */
  public static class CountingMapper
      extends Mapper<BytesWritable, NullWritable, BytesWritable, NullWritable> {
    @Override
    protected void map(BytesWritable record, NullWritable none, Context context)
        throws IOException, InterruptedException {
      context.getCounter(RecordCounter.READ).increment(1);
      context.write(record, none);
      context.getCounter(RecordCounter.ACCEPTED).increment(1);
    }
  }

  /** Writes each record as often as it occurred (identical records group under one key). */
  public static class RecordReducer
      extends Reducer<BytesWritable, NullWritable, BytesWritable, NullWritable> {
    @Override
    protected void reduce(BytesWritable record, Iterable<NullWritable> occurrences, Context context)
        throws IOException, InterruptedException {
      for (NullWritable none : occurrences) {
        context.write(record, none);
      }
    }
  }

  static RecordCounts run(Configuration conf, StorageUri input, int partitions, Path output) {
    // Beside the output, hidden from listings, and gone when the job ends.
    String hidden = output.getName().startsWith(".") ? output.getName() : "." + output.getName();
    Path splitPointsFile = new Path(output.getParent(), hidden + ".split-points");
    try {
      conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
      Job job = Job.getInstance(conf, "sluice terasort");
      job.setJarByClass(TeraSortMapReduce.class);
      job.setInputFormatClass(CombinedTeraInputFormat.class);
      FileInputFormat.setInputPaths(job, input.toHadoopPath());
      FileInputFormat.setInputDirRecursive(job, true);
      job.setMapperClass(CountingMapper.class);
      job.setReducerClass(RecordReducer.class);
      job.setOutputKeyClass(BytesWritable.class);
      job.setOutputValueClass(NullWritable.class);
      job.setOutputFormatClass(TeraRecordOutputFormat.class);
      FileOutputFormat.setOutputPath(job, output);
      int reducers = partitions;
      if (partitions > 1) {
        reducers = writeSplitPoints(job, splitPointsFile, partitions);
        job.setPartitionerClass(TotalOrderPartitioner.class);
        TotalOrderPartitioner.setPartitionFile(job.getConfiguration(), splitPointsFile);
      }
      job.setNumReduceTasks(reducers);
      Counters counters = MapReduceSubmission.runToCompletion(job);
      return RecordCounts.allAccepted(
          MapReduceSubmission.count(counters, RecordCounter.ACCEPTED),
          MapReduceSubmission.reduceOutputRecords(counters));
    } catch (IOException e) {
      throw new SluiceJobException("MapReduce terasort failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceJobException("interrupted while sampling the terasort input", e);
    } finally {
      try {
        splitPointsFile.getFileSystem(conf).delete(splitPointsFile, false);
      } catch (IOException e) {
        LOG.warn("could not remove {}: {}", splitPointsFile, e.toString());
      }
    }
  }

  /**
   * Samples the input and writes {@code partitions - 1} increasing split points for {@link
   * TotalOrderPartitioner}. Input with fewer distinct records than partitions gets fewer partitions
   * (split points must differ); returns the number of partitions to use.
   */
  static int writeSplitPoints(Job job, Path file, int partitions)
      throws IOException, InterruptedException {
    List<BytesWritable> points = sampleSplitPoints(job, partitions);
    try (SequenceFile.Writer writer =
        SequenceFile.createWriter(
            job.getConfiguration(),
            SequenceFile.Writer.file(file),
            SequenceFile.Writer.keyClass(BytesWritable.class),
            SequenceFile.Writer.valueClass(NullWritable.class))) {
      for (BytesWritable point : points) {
        writer.append(point, NullWritable.get());
      }
    }
    return points.size() + 1;
  }

  /**
   * Split points for {@code partitions} key ranges of the input {@code job} reads, from a sample
   * like Hadoop's TeraSort takes (a few splits read on the client, not the whole input).
   */
  static List<BytesWritable> sampleSplitPoints(Job job, int partitions)
      throws IOException, InterruptedException {
    List<BytesWritable> sample =
        sample(
            new InputSampler.SplitSampler<>(SAMPLE_RECORDS, SAMPLED_SPLITS),
            new TeraRecordInputFormat(),
            job);
    List<BytesWritable> points = splitPoints(sample, partitions);
    LOG.info("sampled {} records: {} key ranges", sample.size(), points.size() + 1);
    return points;
  }

  /**
   * The sample as a list: samplers return an Object[] typed as K[], which a K[] variable cannot
   * hold.
   */
  private static <K, V> List<K> sample(
      InputSampler.Sampler<K, V> sampler, InputFormat<K, V> format, Job job)
      throws IOException, InterruptedException {
    return Arrays.asList(sampler.getSample(format, job));
  }

  /** Up to {@code partitions - 1} distinct records cutting the sorted sample into equal parts. */
  static List<BytesWritable> splitPoints(List<BytesWritable> sample, int partitions) {
    List<BytesWritable> sorted = new ArrayList<>(sample);
    Collections.sort(sorted);
    List<BytesWritable> points = new ArrayList<>();
    for (int i = 1; i < partitions && !sorted.isEmpty(); i++) {
      BytesWritable candidate = sorted.get((int) ((long) i * sorted.size() / partitions));
      if (points.isEmpty() || candidate.compareTo(points.get(points.size() - 1)) > 0) {
        points.add(candidate);
      }
    }
    return points;
  }
}
