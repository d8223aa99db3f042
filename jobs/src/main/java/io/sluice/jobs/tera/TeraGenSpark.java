package io.sluice.jobs.tera;

import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * TeraGen on Spark: {@code spark.range} splits the row numbers into contiguous ranges, one per
 * partition, and each partition generates its rows from its first row number on. The records leave
 * through the Hadoop output format (Spark SQL has no raw fixed-length binary writer), as {@code
 * part-r-NNNNN} files in row order.
 */
final class TeraGenSpark {

  private TeraGenSpark() {}

  /** Runs the job and returns the records written. */
  static long run(SparkSession spark, long rows, int partitions, Path output) {
    LongAccumulator written = spark.sparkContext().longAccumulator("teragen.written");

    Dataset<byte[]> records =
        spark
            .range(0, rows, 1, partitions)
            .mapPartitions(
                (MapPartitionsFunction<Long, byte[]>) TeraGenSpark::generate, Encoders.BINARY());

    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    TeraSparkOutput.save(
        records
            .javaRDD()
            .mapToPair(
                record -> {
                  written.add(1);
                  return new Tuple2<>(new BytesWritable(record), NullWritable.get());
                }),
        output,
        conf);
    return written.value();
  }

  /** The rows of one partition; spark.range gives each partition consecutive row numbers. */
  private static Iterator<byte[]> generate(Iterator<Long> rowNumbers) {
    return new Iterator<>() {
      private TeraRowGenerator generator;

      @Override
      public boolean hasNext() {
        return rowNumbers.hasNext();
      }

      @Override
      public byte[] next() {
        long row = rowNumbers.next();
        if (generator == null || generator.nextRow() != row) {
          generator = new TeraRowGenerator(row);
        }
        byte[] record = new byte[TeraFormat.RECORD_LENGTH];
        generator.next(record);
        return record;
      }
    };
  }
}
