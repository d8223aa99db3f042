package io.sluice.jobs.tera;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.spark.api.java.JavaPairRDD;

/**
 * Where Spark's Tera records leave: through the Hadoop output format (Spark SQL has no raw
 * fixed-length binary writer), as {@code part-r-NNNNN} files in partition order.
 */
final class TeraSparkOutput {

  private TeraSparkOutput() {}

  static void save(
      JavaPairRDD<BytesWritable, NullWritable> records, Path output, Configuration conf) {
    records.saveAsNewAPIHadoopFile(
        output.toString(),
        BytesWritable.class,
        NullWritable.class,
        TeraRecordOutputFormat.class,
        conf);
  }
}
