package io.sluice.jobs.wordcount;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.split;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.spark.TaskRecordCounter;
import io.sluice.storage.StorageUri;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * WordCount on Spark SQL, all of it code-generated. Splitting on the characters {@link
 * java.util.StringTokenizer} treats as whitespace (space, tab, newline, carriage return, form feed)
 * and dropping empty strings gives exactly Hadoop's tokens. Sorting on a string column orders by
 * UTF-8 bytes, the order of Hadoop's {@code Text} keys, so the concatenated part files equal
 * MapReduce's output.
 */
final class WordCountSpark {

  /** StringTokenizer's default delimiters, " \t\n\r\f", as a regex. */
  private static final String WHITESPACE = "[ \\t\\n\\r\\f]+";

  private WordCountSpark() {}

  static RecordCounts run(SparkSession spark, StorageUri input, Path output, int partitions) {
    Dataset<Row> counts =
        spark
            .read()
            .option("recursiveFileLookup", "true")
            .text(input.hadoopUri().toString())
            .select(explode(split(col("value"), WHITESPACE)).as("word"))
            .where(col("word").notEqual(""))
            .groupBy("word")
            .count()
            .repartitionByRange(partitions, col("word"))
            .sortWithinPartitions("word");

    TaskRecordCounter records = TaskRecordCounter.start(spark);
    try {
      counts.select(concat_ws("\t", col("word"), col("count"))).write().text(output.toString());
    } finally {
      records.close();
    }
    return RecordCounts.allAccepted(records.recordsRead(), records.recordsWritten());
  }
}
