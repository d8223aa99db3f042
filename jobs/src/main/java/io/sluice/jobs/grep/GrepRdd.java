package io.sluice.jobs.grep;

import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.spark.TextSourceInputFormat;
import io.sluice.jobs.spark.TextSourceOutputFormat;
import io.sluice.jobs.spark.Utf8Order;
import io.sluice.storage.StorageUri;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import scala.Tuple2;

/**
 * Grep on RDDs alone, for an output one task writes ({@link
 * io.sluice.jobs.spark.SinglePartitionOutput}: a small input): no Spark SQL session state, plan or
 * generated code. The lines Spark SQL's text source reads ({@link TextSourceInputFormat}), decoded
 * as it decodes them, each match counted (summed per task, then in one partition through one
 * shuffle), sorted in that task by count descending then the match's UTF-8 bytes, and written as
 * {@code count<TAB>match} lines under Spark SQL's file names: the bytes {@link GrepSpark}'s plan
 * writes. Records read and written come from the task metrics, as there.
 */
final class GrepRdd {

  private GrepRdd() {}

  static RecordCounts run(
      SparkContext context, StorageUri input, GrepPattern pattern, Path output) {
    JavaPairRDD<NullWritable, Text> lines =
        TextSourceInputFormat.lines(context, input)
            .flatMapToPair(
                numbered -> {
                  Text line = numbered._2();
                  String text =
                      new String(line.getBytes(), 0, line.getLength(), StandardCharsets.UTF_8);
                  return pattern.matches(text).stream().map(m -> new Tuple2<>(m, 1L)).iterator();
                })
            .reduceByKey(Long::sum, 1)
            .mapPartitionsToPair(GrepRdd::sortedLines);
    return TextSourceOutputFormat.write(context, lines, output);
  }

  /**
   * The partition's match counts as {@code count<TAB>match} lines, most frequent first, then by the
   * match's UTF-8 bytes. Held in memory to sort: the distinct matches of an input under 64 MiB.
   */
  private static Iterator<Tuple2<NullWritable, Text>> sortedLines(
      Iterator<Tuple2<String, Long>> counts) {
    List<Tuple2<String, Long>> all = new ArrayList<>();
    counts.forEachRemaining(all::add);
    Comparator<Tuple2<String, Long>> mostFirst =
        Comparator.<Tuple2<String, Long>>comparingLong(Tuple2::_2).reversed();
    Utf8Order bytes = new Utf8Order();
    all.sort(mostFirst.thenComparing((a, b) -> bytes.compare(a._1(), b._1())));
    return all.stream()
        .map(c -> new Tuple2<>(NullWritable.get(), new Text(c._2() + "\t" + c._1())))
        .iterator();
  }
}
