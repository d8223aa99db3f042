package io.sluice.jobs.grep;

import static org.apache.spark.sql.functions.col;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.spark.SinglePartitionOutput;
import io.sluice.jobs.spark.SparkLines;
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

  /**
   * Searches the run's input into its output: on RDDs alone ({@link GrepRdd}) when one task writes
   * the output ({@link SinglePartitionOutput}), else with Spark SQL.
   */
  static RecordCounts run(JobRun run, GrepPattern pattern, int partitions) {
    StorageUri input = run.location(JobParameter.INPUT);
    if (SinglePartitionOutput.applies(run, partitions)) {
      return GrepRdd.run(run.sparkContext(), input, pattern, run.output());
    }
    return run(run.spark(), input, pattern, run.output(), partitions);
  }

  static RecordCounts run(
      SparkSession spark, StorageUri input, GrepPattern pattern, Path output, int partitions) {
    LongAccumulator lines = spark.sparkContext().longAccumulator("grep.lines");
    LongAccumulator written = spark.sparkContext().longAccumulator("grep.written");

    Dataset<String> matches =
        SparkLines.text(spark, input)
            .as(Encoders.STRING())
            .flatMap(
                (FlatMapFunction<String, String>)
                    line -> {
                      lines.add(1);
                      return pattern.matches(line).iterator();
                    },
                Encoders.STRING());

    Dataset<Row> counts = matches.groupBy(col("value").as("match")).count();
    Column[] order = {col("count").desc(), col("match").asc()};
    counts
        .repartitionByRange(partitions, order)
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
