package io.sluice.jobs.spark;

import io.sluice.jobs.mapreduce.FileLineNumber;
import io.sluice.jobs.mapreduce.NumberedLineInputFormat;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import io.sluice.storage.StorageUri;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Spark's view of {@link NumberedLineInputFormat}: lines with their file and number, small files
 * packed into partitions sized by {@link SmallFileSplits} for the session's default parallelism.
 */
public final class SparkLines {

  private SparkLines() {}

  /**
   * Every file's lines under the input through Spark SQL's text source (one string column, {@code
   * value}), whose file splits pack small files into few tasks.
   */
  public static Dataset<Row> text(SparkSession spark, StorageUri input) {
    return spark.read().option("recursiveFileLookup", "true").text(input.hadoopUri().toString());
  }

  /**
   * Lines of every file under the input. A partition holds one or more whole files: each key is a
   * {@link FileLineNumber} that names its file; the {@link Text} values are reused by the reader,
   * so copy them at once.
   */
  @SuppressWarnings("unchecked")
  public static JavaNewHadoopRDD<LongWritable, Text> numbered(
      SparkSession spark, StorageUri input) {
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    conf.setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);
    SmallFileSplits.parallelismUnlessSet(conf, spark.sparkContext().defaultParallelism());
    return (JavaNewHadoopRDD<LongWritable, Text>)
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .newAPIHadoopFile(
                input.hadoopUri().toString(),
                NumberedLineInputFormat.class,
                LongWritable.class,
                Text.class,
                conf);
  }

  /** Makes, once per file on the executors, what turns that file's numbered lines into values. */
  @FunctionalInterface
  public interface PerFile<T> extends Serializable {
    NumberedLine<T> open(String source);
  }

  /** One line of a file, with its 1-based number, to one value. */
  @FunctionalInterface
  public interface NumberedLine<T> {
    T map(long line, String text);
  }

  /** Every numbered line under the input mapped to one value, lazily, file by file. */
  public static <T> JavaRDD<T> map(SparkSession spark, StorageUri input, PerFile<T> perFile) {
    return numbered(spark, input)
        .mapPartitions(
            lines ->
                new Iterator<T>() {
                  private String source;
                  private NumberedLine<T> mapper;

                  @Override
                  public boolean hasNext() {
                    return lines.hasNext();
                  }

                  @Override
                  public T next() {
                    Tuple2<LongWritable, Text> numbered = lines.next();
                    String file = FileLineNumber.sourceOf(numbered._1());
                    if (file != source) { // one instance per file: the partition's next file
                      source = file;
                      mapper = perFile.open(source);
                    }
                    return mapper.map(numbered._1().get(), numbered._2().toString());
                  }
                });
  }
}
