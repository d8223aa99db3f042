package io.sluice.jobs.tera;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.ShuffledRDD;
import org.apache.spark.sql.SparkSession;
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

  static RecordCounts run(
      SparkSession spark, StorageUri input, TeraInputScan scan, int partitions, Path output) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LongAccumulator written = spark.sparkContext().longAccumulator("terasort.written");
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    conf.setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);
    if (conf.get(SmallFileSplits.PARALLELISM) == null) {
      conf.setInt(SmallFileSplits.PARALLELISM, spark.sparkContext().defaultParallelism());
    }
    long startedAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    KeyRangePartitioner ranges = new KeyRangePartitioner(splitPoints(conf, input, partitions));
    long sampledAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());

    // Records cross the shuffle in batches of one key range (one object per batch, not per record);
    // each range is then sorted as raw bytes in memory Spark grants (TeraRangeSorter), spilling
    // sorted runs when it grants no more.
    JavaPairRDD<byte[], Object> batches =
        jsc.newAPIHadoopFile(
                input.hadoopUri().toString(),
                CombinedTeraInputFormat.class,
                BytesWritable.class,
                NullWritable.class,
                conf)
            .mapPartitionsToPair(records -> new KeyRangeBatches(records, ranges));
    ClassTag<byte[]> batchTag = ClassTag$.MODULE$.apply(byte[].class);
    ClassTag<Object> noneTag = ClassTag$.MODULE$.AnyRef();
    ShuffledRDD<byte[], Object, Object> routed =
        new ShuffledRDD<byte[], Object, Object>(batches.rdd(), ranges, batchTag, noneTag, noneTag)
            .setSerializer(new TeraBatchSerializer());
    JavaRDD<byte[]> ranged = new JavaPairRDD<>(routed, batchTag, noneTag).keys();

    TeraSparkOutput.save(
        ranged.mapPartitionsToPair(range -> sortedRange(range, written)), output, conf);
    LOG.info(
        "terasort phases: split points {} ms, sort and write {} ms",
        sampledAt - startedAt,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime()) - sampledAt);

    // Records read are the whole records the files hold (TeraInputScan), checked against written.
    return RecordCounts.allAccepted(scan.wholeRecords(), written.value());
  }

  /** Sorts one key range in this task, counting the records it hands on to be written. */
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
    BytesWritable record = new BytesWritable();
    return new Iterator<>() {
      private long count;

      @Override
      public boolean hasNext() {
        if (sorted.hasNext()) {
          return true;
        }
        written.add(count); // once, at the end of the range
        count = 0;
        return false;
      }

      @Override
      public Tuple2<BytesWritable, NullWritable> next() {
        record.set(sorted.next(), 0, TeraFormat.RECORD_LENGTH);
        count++;
        return new Tuple2<>(record, NullWritable.get());
      }
    };
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
