package io.sluice.jobs.tera;

import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * TeraValidate on Spark: each file range of a partition's combined split ({@link
 * TeraRangesInputFormat}) is summarised where it is read ({@link SplitSummary}); the driver
 * collects the few summaries, checks the boundaries between them and writes the same report the
 * MapReduce variant writes.
 */
final class TeraValidateSpark {

  private TeraValidateSpark() {}

  static TeraValidateJob.ValidateResult run(
      SparkSession spark,
      StorageUri input,
      List<ValidationReport.ShortRecord> shortRecords,
      Path output) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    conf.setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);

    SmallFileSplits.parallelismUnlessSet(conf, jsc.defaultParallelism());

    // The split tells each partition which file ranges, and offsets, its records come from.
    JavaNewHadoopRDD<BytesWritable, IntWritable> records =
        (JavaNewHadoopRDD<BytesWritable, IntWritable>)
            jsc.newAPIHadoopFile(
                input.hadoopUri().toString(),
                TeraRangesInputFormat.class,
                BytesWritable.class,
                IntWritable.class,
                conf);
    List<SplitSummary> summaries =
        records.mapPartitionsWithInputSplit(TeraValidateSpark::summarise, false).collect();

    ValidationReport report = ValidationReport.of(summaries, shortRecords);
    writeReport(report.lines(), output, conf);
    return new TeraValidateJob.ValidateResult(
        report.records(), report.errors().size(), report.lines().size());
  }

  private static Iterator<SplitSummary> summarise(
      InputSplit split, Iterator<Tuple2<BytesWritable, IntWritable>> records) {
    RangeSummaries summaries = new RangeSummaries((CombineFileSplit) split);
    records.forEachRemaining(record -> summaries.add(record._2().get(), record._1().getBytes()));
    return summaries.summaries().iterator();
  }

  /** part-r-00000 and _SUCCESS, as the MapReduce variant's output committer leaves them. */
  private static void writeReport(List<String> lines, Path output, Configuration conf) {
    try {
      FileSystem fs = output.getFileSystem(conf);
      try (OutputStream out = fs.create(new Path(output, TeraValidateJob.REPORT_FILE), false)) {
        for (String line : lines) {
          out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      fs.create(new Path(output, "_SUCCESS"), false).close();
    } catch (IOException e) {
      throw new SluiceJobException(
          "cannot write the validation report to " + output + ": " + e.getMessage(), e);
    }
  }
}
