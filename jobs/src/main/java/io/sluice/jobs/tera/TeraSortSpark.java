package io.sluice.jobs.tera;

import static org.apache.spark.sql.functions.col;

import io.sluice.jobs.SluiceJobException;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.ShuffledRDD;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * TeraSort on Spark, built like the MapReduce sort: split points from a sample of a few input splits
 * (no extra pass over the input), one shuffle that sends each record to its key range
 * ({@link KeyRangePartitioner}) as raw 100-byte records ({@link TeraRecordSerializer}), and Spark
 * SQL's sorter ordering each range by unsigned bytes (Spark's binary order), so partition {@code i}
 * becomes {@code part-r-0000i}, the i-th key range.
 */
final class TeraSortSpark {

  private TeraSortSpark() {}

  static TeraSortJob.SortResult run(SparkSession spark, StorageUri input, TeraInputScan scan, int partitions,
      Path output) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LongAccumulator written = spark.sparkContext().longAccumulator("terasort.written");
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    conf.setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);
    KeyRangePartitioner ranges = new KeyRangePartitioner(splitPoints(conf, input, partitions));

    JavaPairRDD<byte[], Object> records = jsc.newAPIHadoopFile(input.hadoopUri().toString(),
            TeraRecordInputFormat.class, BytesWritable.class, NullWritable.class, conf)
        .mapToPair(record -> new Tuple2<>(record._1().copyBytes(), null));

    // The shuffle only routes raw records to their key range; Spark SQL's sorter (binary prefix
    // sort, spilling under memory pressure) then orders each range, faster than sorting objects.
    ClassTag<byte[]> recordTag = ClassTag$.MODULE$.apply(byte[].class);
    ClassTag<Object> noneTag = ClassTag$.MODULE$.AnyRef();
    ShuffledRDD<byte[], Object, Object> routed = new ShuffledRDD<byte[], Object, Object>(
        records.rdd(), ranges, recordTag, noneTag, noneTag)
        .setSerializer(new TeraRecordSerializer());
    JavaRDD<byte[]> ranged = new JavaPairRDD<>(routed, recordTag, noneTag).keys();

    spark.createDataset(ranged.rdd(), Encoders.BINARY())
        .sortWithinPartitions(col("value"))
        .as(Encoders.BINARY())
        .javaRDD()
        .mapToPair(record -> {
          written.add(1);
          return new Tuple2<>(new BytesWritable(record), NullWritable.get());
        })
        .saveAsNewAPIHadoopFile(output.toString(), BytesWritable.class, NullWritable.class,
            TeraRecordOutputFormat.class, conf);

    // Records read are the whole records the files hold (TeraInputScan), checked against written.
    return new TeraSortJob.SortResult(scan.wholeRecords(), written.value());
  }

  private static List<byte[]> splitPoints(Configuration conf, StorageUri input, int partitions) {
    if (partitions <= 1) {
      return List.of();
    }
    try {
      Job job = Job.getInstance(conf);
      FileInputFormat.setInputPaths(job, input.toHadoopPath());
      return TeraSortMapReduce.sampleSplitPoints(job, partitions).stream().map(BytesWritable::copyBytes).toList();
    } catch (IOException e) {
      throw new SluiceJobException("cannot sample the terasort input " + input.original() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceJobException("interrupted while sampling the terasort input", e);
    }
  }
}
