package io.sluice.jobs.tera;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.ShuffledRDD;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * TeraSort on Spark, built like the MapReduce sort: split points from a sample of a few input
 * splits (no extra pass over the input), one shuffle that sends each record to its key range
 * ({@link KeyRangePartitioner}) in batches of raw 100-byte records ({@link KeyRangeBatches}, {@link
 * TeraBatchSerializer}), and a sort of each range's raw records by unsigned bytes ({@link
 * TeraRangeSorter}, no object per record kept), so partition {@code i} becomes {@code
 * part-r-0000i}, the i-th key range.
 */
final class TeraSortSpark {

  private static final Logger LOG = LoggerFactory.getLogger(TeraSortSpark.class);

  private TeraSortSpark() {}

  /**
   * Sorts {@code input} into {@code output}, on RDDs alone: {@code spark} gives the SparkContext
   * without Spark SQL's session state, which nothing here needs. The split points are sampled on a
   * thread of their own while {@code spark} starts the session (both are the main thread's alone
   * otherwise: in a fresh JVM, sampling took 0.2-0.4 s on a quiet machine, seconds under load),
   * with {@code conf}, the job's Hadoop configuration, which lists and reads the input as the scan
   * did.
   */
  static RecordCounts run(
      Supplier<SparkContext> spark,
      Configuration conf,
      StorageUri input,
      TeraInputScan scan,
      int partitions,
      Path output) {
    long startedAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    Configuration sampleConf = inputConf(conf); // copied here: the caller's may change later
    FutureTask<List<byte[]>> sampling =
        new FutureTask<>(() -> splitPoints(sampleConf, input, partitions));
    Thread sampler = new Thread(sampling, "terasort-split-points");
    sampler.setDaemon(true); // a failed session start leaves nothing waiting on it
    sampler.start();
    SparkContext context = spark.get();
    long sessionAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    KeyRangePartitioner ranges = new KeyRangePartitioner(await(sampling));
    long sampledAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context);
    LongAccumulator written = context.longAccumulator("terasort.written");
    Configuration readConf = inputConf(jsc.hadoopConfiguration());
    SmallFileSplits.parallelismUnlessSet(readConf, context.defaultParallelism());
    readConf.setInt(TeraRecordInputFormat.RECORDS_PER_KEY, READ_BLOCK_RECORDS);

    // Records cross the shuffle in batches of one key range (one object per batch, not per record);
    // each range is then sorted as raw bytes in memory Spark grants (TeraRangeSorter), spilling
    // sorted runs when it grants no more.
    JavaPairRDD<byte[], Object> batches =
        jsc.newAPIHadoopFile(
                input.hadoopUri().toString(),
                CombinedTeraInputFormat.class,
                BytesWritable.class,
                NullWritable.class,
                readConf)
            .mapPartitionsToPair(records -> new KeyRangeBatches(records, ranges));
    ClassTag<byte[]> batchTag = ClassTag$.MODULE$.apply(byte[].class);
    ClassTag<Object> noneTag = ClassTag$.MODULE$.AnyRef();
    ShuffledRDD<byte[], Object, Object> routed =
        new ShuffledRDD<byte[], Object, Object>(batches.rdd(), ranges, batchTag, noneTag, noneTag)
            .setSerializer(new TeraBatchSerializer());
    JavaRDD<byte[]> ranged = new JavaPairRDD<>(routed, batchTag, noneTag).keys();

    TeraSparkOutput.save(
        ranged.mapPartitionsToPair(range -> sortedRange(range, written)), output, readConf);
    LOG.info(
        "terasort phases: session {} ms, split points {} ms more, sort and write {} ms",
        sessionAt - startedAt,
        sampledAt - sessionAt,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime()) - sampledAt);

    // Records read are the whole records the files hold (TeraInputScan), checked against written.
    return RecordCounts.allAccepted(scan.wholeRecords(), written.value());
  }

  /**
   * Records read at once (400 KB, one read call) and handed on as one key: Spark's iterator and the
   * batching then run per block, not per record.
   */
  private static final int READ_BLOCK_RECORDS = 4096;

  /** Sorted records handed to the output format at once: 400 KB, one write call. */
  private static final int WRITE_BATCH_RECORDS = 4096;

  /**
   * Sorts one key range in this task and hands its records on in batches of whole records (the
   * writer's and Spark's output accounting's per-call cost is then paid per batch), counting the
   * records written.
   */
  private static Iterator<Tuple2<BytesWritable, NullWritable>> sortedRange(
      Iterator<byte[]> batches, LongAccumulator written) {
    TaskContext task = TaskContext.get();
    TeraRangeSorter sorter =
        new TeraRangeSorter(
            task.taskMemoryManager(),
            () -> SparkEnv.get().blockManager().diskBlockManager().createTempLocalBlock()._2(),
            TeraRangeSorter.MAX_RUN_RECORDS);
    task.addTaskCompletionListener((TaskCompletionListener) done -> sorter.release());
    Iterator<byte[]> sorted = sorter.sort(batches);
    byte[] batch = new byte[WRITE_BATCH_RECORDS * TeraFormat.RECORD_LENGTH];
    BytesWritable records = new BytesWritable(batch); // written from batch, no copy
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return sorted.hasNext();
      }

      @Override
      public Tuple2<BytesWritable, NullWritable> next() {
        int count = 0;
        while (count < WRITE_BATCH_RECORDS && sorted.hasNext()) {
          System.arraycopy(
              sorted.next(),
              0,
              batch,
              count++ * TeraFormat.RECORD_LENGTH,
              TeraFormat.RECORD_LENGTH);
        }
        if (count == 0) {
          throw new NoSuchElementException();
        }
        written.add(count);
        records.setSize(count * TeraFormat.RECORD_LENGTH);
        return new Tuple2<>(records, NullWritable.get());
      }
    };
  }

  private static Configuration inputConf(Configuration base) {
    Configuration conf = new Configuration(base);
    conf.setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);
    return conf;
  }

  /** The sampled split points; the sampler's own failure is thrown as it was. */
  private static List<byte[]> await(FutureTask<List<byte[]>> sampling) {
    try {
      return sampling.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new SluiceJobException("cannot sample the terasort input: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceJobException("interrupted while sampling the terasort input", e);
    }
  }

  private static List<byte[]> splitPoints(Configuration conf, StorageUri input, int partitions) {
    if (partitions <= 1) {
      return List.of();
    }
    try {
      Job job = Job.getInstance(conf);
      FileInputFormat.setInputPaths(job, input.toHadoopPath());
      return TeraSortMapReduce.sampleSplitPoints(job, partitions).stream()
          .map(BytesWritable::copyBytes)
          .toList();
    } catch (IOException e) {
      throw new SluiceJobException(
          "cannot sample the terasort input " + input.original() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceJobException("interrupted while sampling the terasort input", e);
    }
  }
}
