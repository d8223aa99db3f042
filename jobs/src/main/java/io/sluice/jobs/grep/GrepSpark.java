package io.sluice.jobs.grep;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.spark.SinglePartitionOutput;
import io.sluice.jobs.spark.SparkLines;
import io.sluice.jobs.spark.TaskRecordCounter;
import io.sluice.storage.StorageUri;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Grep on Spark SQL: matches, grouped and counted, range-partitioned and sorted by count descending
 * then match. Spark orders strings by their UTF-8 bytes, as Hadoop orders {@code Text}, so the
 * concatenated part files equal MapReduce's output.
 */
final class GrepSpark {

  private static final StructType MATCHES =
      new StructType().add("match", DataTypes.StringType, false);

  private GrepSpark() {}

  static RecordCounts run(
      SparkSession spark, StorageUri input, GrepPattern pattern, Path output, int partitions) {
    if (SinglePartitionOutput.applies(spark, partitions)) {
      return runInOneTask(spark, input, pattern, output);
    }
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

  /**
   * The same output when one task writes it ({@link SinglePartitionOutput}: a small input), without
   * typed functions: their encoders convert lines and rows through generated projections, which
   * code generation's switch for small inputs does not cover (Janino's first compile is a few
   * hundred ms of a tiny run). The matches come from Spark's own rows, the lines are written by
   * Spark SQL and counted from the task metrics.
   */
  private static RecordCounts runInOneTask(
      SparkSession spark, StorageUri input, GrepPattern pattern, Path output) {
    JavaRDD<Row> matches =
        SparkLines.text(spark, input)
            .queryExecution()
            .toRdd()
            .toJavaRDD()
            .mapPartitions(
                (FlatMapFunction<Iterator<InternalRow>, Row>) rows -> matchRows(rows, pattern));
    Dataset<Row> counts =
        spark.createDataFrame(matches, MATCHES).groupBy(col("match")).count().coalesce(1);
    TaskRecordCounter records = TaskRecordCounter.start(spark);
    try {
      counts
          .sortWithinPartitions(col("count").desc(), col("match").asc())
          .select(concat_ws("\t", col("count").cast("string"), col("match")))
          .write()
          .text(output.toString());
    } finally {
      records.close();
    }
    return RecordCounts.allAccepted(records.recordsRead(), records.recordsWritten());
  }

  /** The matches of each line of the rows' text column, one row each. */
  private static Iterator<Row> matchRows(Iterator<InternalRow> rows, GrepPattern pattern) {
    return new Iterator<>() {
      private Iterator<String> ready = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!ready.hasNext() && rows.hasNext()) {
          ready = pattern.matches(rows.next().getUTF8String(0).toString()).iterator();
        }
        return ready.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return RowFactory.create(ready.next());
      }
    };
  }
}
