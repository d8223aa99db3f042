package io.sluice.jobs.grep;

import static org.apache.spark.sql.functions.col;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.spark.SinglePartitionOutput;
import io.sluice.storage.StorageUri;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Grep on Spark SQL: matches, grouped and counted, range-partitioned and sorted by count descending
 * then match. Spark orders strings by their UTF-8 bytes, as Hadoop orders {@code Text}, so the
 * concatenated part files equal MapReduce's output.
 */
final class GrepSpark {

  private GrepSpark() {}

  static RecordCounts run(
      SparkSession spark, StorageUri input, GrepPattern pattern, Path output, int partitions) {
    LongAccumulator lines = spark.sparkContext().longAccumulator("grep.lines");
    LongAccumulator written = spark.sparkContext().longAccumulator("grep.written");

    Dataset<String> matches =
        spark
            .read()
            .option("recursiveFileLookup", "true")
            .textFile(input.hadoopUri().toString())
            .flatMap(
                (FlatMapFunction<String, String>)
                    line -> {
                      lines.add(1);
                      return pattern.matches(line).iterator();
                    },
                Encoders.STRING());

    Dataset<Row> counts = matches.groupBy(col("value").as("match")).count();
    Column[] order = {col("count").desc(), col("match").asc()};
    Dataset<Row> ranged =
        SinglePartitionOutput.applies(spark, partitions)
            ? counts.coalesce(1)
            : counts.repartitionByRange(partitions, order);
    ranged
        .sortWithinPartitions(order)
        .map(
            (MapFunction<Row, String>)
                row -> {
                  written.add(1);
                  return row.getLong(1) + "\t" + row.getString(0);
                },
            Encoders.STRING())
        .write()
        .text(output.toString());

    return RecordCounts.allAccepted(lines.value(), written.value());
  }
}
