package io.sluice.jobs.wordcount;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.spark.TextSourceInputFormat;
import io.sluice.jobs.spark.TextSourceOutputFormat;
import io.sluice.jobs.spark.Utf8Order;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partition;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.rdd.NewHadoopPartition;
import scala.Tuple2;

/**
 * WordCount on RDDs alone, for an output one task writes ({@link
 * io.sluice.jobs.spark.SinglePartitionOutput}: a small input): no Spark SQL session state, no plan,
 * no generated code, which on a tiny input cost more than the work (docs/BENCHMARKS.md, "Session
 * 15, wc-rdd"). The same lines as Spark SQL's text source ({@link TextSourceInputFormat}), tallied
 * per task as bytes ({@link WordTally}), one shuffle into one partition sorted by the words' UTF-8
 * bytes (spilling as Spark's sort does; an input of one small split sorts in its one task, with no
 * shuffle), adjacent tallies of a word summed, and {@code word<TAB>count} lines written through the
 * output format's committer under Spark SQL's file names ({@link TextSourceOutputFormat}): the
 * bytes {@link WordCountSpark}'s plan writes. Records read and written come from the task metrics,
 * as there.
 */
final class WordCountRdd {

  /**
   * The largest input whose one task sorts its tallies itself: at most a few hundred thousand
   * distinct words, tens of MB of heap (Spark's shuffle sort spills beyond that; this does not).
   * Splits are at least 4 MiB ({@code SmallFileSplits}), so any input up to this is one split.
   */
  static final long SORTED_IN_TASK_BYTES = 4L << 20;

  private WordCountRdd() {}

  static RecordCounts run(SparkContext context, StorageUri input, Path output) {
    JavaPairRDD<LongWritable, Text> numbered = TextSourceInputFormat.lines(context, input);
    JavaPairRDD<String, Long> tallies =
        numbered.mapPartitionsToPair(lines -> WordCountSpark.tallyPartition(lineBytes(lines)));
    JavaPairRDD<String, Long> sorted =
        oneSmallSplit(numbered)
            ? tallies.mapPartitionsToPair(WordCountRdd::sortedInTask, true)
            : tallies.repartitionAndSortWithinPartitions(new HashPartitioner(1), new Utf8Order());
    JavaPairRDD<NullWritable, Text> lines = sorted.mapPartitionsToPair(WordCountRdd::sumAdjacent);
    return TextSourceOutputFormat.write(context, lines, output);
  }

  /**
   * Whether the input is one split of at most {@link #SORTED_IN_TASK_BYTES}: its one task then
   * sorts its own tallies, with no shuffle and no second stage.
   */
  private static boolean oneSmallSplit(JavaPairRDD<LongWritable, Text> numbered) {
    Partition[] splits = numbered.rdd().partitions();
    if (splits.length != 1 || !(splits[0] instanceof NewHadoopPartition split)) {
      return false;
    }
    try {
      return split.serializableHadoopSplit().value().getLength() <= SORTED_IN_TASK_BYTES;
    } catch (IOException e) {
      return false; // a split that cannot say its length is sorted by the shuffle
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceJobException("interrupted while sizing the wordcount input", e);
    }
  }

  /** A task's tallies sorted by word in memory, a word's tallies adjacent. */
  private static Iterator<Tuple2<String, Long>> sortedInTask(
      Iterator<Tuple2<String, Long>> tallies) {
    List<Tuple2<String, Long>> all = new ArrayList<>();
    tallies.forEachRemaining(all::add);
    Utf8Order order = new Utf8Order();
    all.sort((a, b) -> order.compare(a._1(), b._1()));
    return all.iterator();
  }

  /** Each line's bytes, copied: the reader reuses its {@link Text}. */
  private static Iterator<byte[]> lineBytes(Iterator<Tuple2<LongWritable, Text>> numbered) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return numbered.hasNext();
      }

      @Override
      public byte[] next() {
        return numbered.next()._2().copyBytes();
      }
    };
  }

  /** One {@code word<TAB>count} line per word, from tallies sorted by word. */
  private static Iterator<Tuple2<NullWritable, Text>> sumAdjacent(
      Iterator<Tuple2<String, Long>> sorted) {
    return new Iterator<>() {
      private Tuple2<String, Long> next = sorted.hasNext() ? sorted.next() : null;
      private final Text line = new Text();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Tuple2<NullWritable, Text> next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String word = next._1();
        long count = next._2();
        next = null;
        while (sorted.hasNext()) {
          Tuple2<String, Long> tally = sorted.next();
          if (!tally._1().equals(word)) {
            next = tally;
            break;
          }
          count += tally._2();
        }
        line.set(word + "\t" + count);
        return new Tuple2<>(NullWritable.get(), line);
      }
    };
  }
}
