package io.sluice.jobs.tera;

import static org.apache.spark.sql.functions.col;

import io.sluice.storage.StorageUri;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * TeraSort on Spark. Records come in and go out through the Hadoop input and output formats
 * (Spark SQL has no fixed-length binary source or sink); in between they are a Dataset of one
 * binary column, which Spark range-partitions and sorts by unsigned bytes (Spark's binary order),
 * so partition {@code i} becomes {@code part-r-0000i}, the i-th key range.
 */
final class TeraSortSpark {

  private TeraSortSpark() {}

  static TeraSortJob.SortResult run(SparkSession spark, StorageUri input, TeraInputScan scan, int partitions,
      Path output) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LongAccumulator written = spark.sparkContext().longAccumulator("terasort.written");
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    conf.setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);

    JavaRDD<byte[]> records = jsc.newAPIHadoopFile(input.hadoopUri().toString(), TeraRecordInputFormat.class,
            BytesWritable.class, NullWritable.class, conf)
        .map(record -> record._1().copyBytes());

    Dataset<byte[]> sorted = spark.createDataset(records.rdd(), Encoders.BINARY())
        .repartitionByRange(partitions, col("value"))
        .sortWithinPartitions(col("value"))
        .as(Encoders.BINARY());

    sorted.javaRDD()
        .mapToPair(record -> {
          written.add(1);
          return new Tuple2<>(new BytesWritable(record), NullWritable.get());
        })
        .saveAsNewAPIHadoopFile(output.toString(), BytesWritable.class, NullWritable.class,
            TeraRecordOutputFormat.class, conf);

    // Records read are the whole records the files hold: the range partitioner samples by reading
    // the input once more, so a counter in the read path would count every record twice.
    return new TeraSortJob.SortResult(scan.wholeRecords(), written.value());
  }
}
