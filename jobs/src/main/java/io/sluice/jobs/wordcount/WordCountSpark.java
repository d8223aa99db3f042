package io.sluice.jobs.wordcount;

import static org.apache.spark.sql.functions.col;

import io.sluice.storage.StorageUri;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * WordCount on Spark SQL. Sorting on a string column orders by UTF-8 bytes, the same order as
 * Hadoop's {@code Text} keys, so the concatenated part files equal MapReduce's output.
 */
final class WordCountSpark {

  private WordCountSpark() {}

  static WordCountJob.WordCountResult run(SparkSession spark, StorageUri input, Path output, int partitions) {
    LongAccumulator lines = spark.sparkContext().longAccumulator("wordcount.lines");
    LongAccumulator written = spark.sparkContext().longAccumulator("wordcount.written");

    Dataset<String> words = spark.read().option("recursiveFileLookup", "true")
        .textFile(input.hadoopUri().toString())
        .flatMap((FlatMapFunction<String, String>) line -> {
          lines.add(1);
          StringTokenizer tokens = new StringTokenizer(line);
          List<String> out = new ArrayList<>();
          while (tokens.hasMoreTokens()) {
            out.add(tokens.nextToken());
          }
          return out.iterator();
        }, Encoders.STRING());

    Dataset<Row> counts = words.groupBy(col("value").as("word")).count()
        .repartitionByRange(partitions, col("word"))
        .sortWithinPartitions(col("word"));

    counts.map((MapFunction<Row, String>) row -> {
      written.add(1);
      return row.getString(0) + "\t" + row.getLong(1);
    }, Encoders.STRING()).write().text(output.toString());

    return new WordCountJob.WordCountResult(lines.value(), written.value());
  }
}
