package io.sluice.jobs.spark;

import io.sluice.jobs.mapreduce.NumberedLineInputFormat;
import io.sluice.storage.StorageUri;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** Spark's view of {@link NumberedLineInputFormat}: one partition per file, lines with their numbers. */
public final class SparkLines {

  private SparkLines() {}

  /**
   * Lines of every file under the input. Use {@code mapPartitionsWithInputSplit} to learn each
   * partition's file; the {@link Text} values are reused by the reader, so copy them at once.
   */
  @SuppressWarnings("unchecked")
  public static JavaNewHadoopRDD<LongWritable, Text> numbered(SparkSession spark, StorageUri input) {
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    conf.setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);
    return (JavaNewHadoopRDD<LongWritable, Text>) JavaSparkContext.fromSparkContext(spark.sparkContext())
        .newAPIHadoopFile(input.hadoopUri().toString(), NumberedLineInputFormat.class,
            LongWritable.class, Text.class, conf);
  }
}
