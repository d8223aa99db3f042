package io.sluice.jobs.wordcount;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sum;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.spark.SinglePartitionOutput;
import io.sluice.jobs.spark.SparkLines;
import io.sluice.jobs.spark.TaskRecordCounter;
import io.sluice.storage.StorageUri;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * WordCount on Spark. An output one task writes (a small input) is counted on RDDs alone ({@link
 * WordCountRdd}); otherwise Spark SQL reads the lines (small files packed into few tasks) and each
 * task counts its lines' words as bytes ({@link WordTally}: no decoding or regex per line, one row
 * per distinct word), then Spark SQL sums the counts by word and sorts them. Sorting on a string
 * column orders by UTF-8 bytes, the order of Hadoop's {@code Text} keys, so the concatenated part
 * files equal MapReduce's output.
 */
final class WordCountSpark {

  /** Distinct words a task counts before handing them on: a few hundred MB of heap at most. */
  static final int MAX_TALLIED_WORDS = 1 << 20;

  private WordCountSpark() {}

  /**
   * Counts the run's input into its output: on RDDs alone ({@link WordCountRdd}) when one task
   * writes the output ({@link SinglePartitionOutput}), else with the plan below.
   */
  static RecordCounts run(JobRun run, int partitions) {
    StorageUri input = run.location(JobParameter.INPUT);
    if (SinglePartitionOutput.applies(run, partitions)) {
      return WordCountRdd.run(run.sparkContext(), input, run.output());
    }
    return run(run.spark(), input, run.output(), partitions);
  }

  static RecordCounts run(SparkSession spark, StorageUri input, Path output, int partitions) {
    Dataset<Row> counts = counts(spark, input, partitions);
    TaskRecordCounter records = TaskRecordCounter.start(spark);
    try {
      counts.select(concat_ws("\t", col("word"), col("count"))).write().text(output.toString());
    } finally {
      records.close();
    }
    return RecordCounts.allAccepted(records.recordsRead(), records.recordsWritten());
  }

  /**
   * The words of {@code input} and their counts in {@code partitions} partitions, each sorted by
   * word, the partitions in word order. The sums are range-partitioned: a range partitioning
   * samples its input with a job of its own, and sampling the tallies would read and tally the
   * input a second time (and count its records twice).
   */
  static Dataset<Row> counts(SparkSession spark, StorageUri input, int partitions) {
    return SparkLines.text(spark, input)
        .select(col("value").cast("binary"))
        .as(Encoders.BINARY())
        .mapPartitions(
            (MapPartitionsFunction<byte[], Tuple2<String, Long>>) WordCountSpark::tallyPartition,
            Encoders.tuple(Encoders.STRING(), Encoders.LONG()))
        .toDF("word", "count")
        .groupBy("word")
        .agg(sum("count").as("count"))
        .repartitionByRange(partitions, col("word"))
        .sortWithinPartitions("word");
  }

  /**
   * A task's word counts. A task holding more distinct words than {@link #MAX_TALLIED_WORDS} hands
   * on what it has counted and starts again, so memory stays bounded whatever the vocabulary.
   */
  static Iterator<Tuple2<String, Long>> tallyPartition(Iterator<byte[]> lines) {
    WordTally tally = new WordTally();
    return new Iterator<>() {
      private Iterator<Tuple2<String, Long>> ready = Collections.emptyIterator();
      private boolean drainedLast;

      @Override
      public boolean hasNext() {
        while (!ready.hasNext() && lines.hasNext()) {
          tally.add(lines.next());
          if (tally.size() >= MAX_TALLIED_WORDS) {
            ready = tally.drain();
          }
        }
        if (!ready.hasNext() && !drainedLast) {
          drainedLast = true;
          ready = tally.drain();
        }
        return ready.hasNext();
      }

      @Override
      public Tuple2<String, Long> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.next();
      }
    };
  }
}
