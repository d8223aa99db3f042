package io.sluice.jobs.spark;

import io.sluice.jobs.RecordCounts;
import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;

/**
 * Hadoop's text output (each value a line, compressed as {@code
 * mapreduce.output.fileoutputformat.compress} says, through the output format's committer) with the
 * file names Spark SQL's text writer gives ({@code part-00000-<uuid>-c000.txt}), so an RDD job
 * leaves what {@code Dataset.write().text()} would.
 */
public final class TextSourceOutputFormat extends TextOutputFormat<NullWritable, Text> {

  /** The write's UUID in its file names; one per write, as Spark SQL's job UUID. */
  public static final String WRITE_UUID = "sluice.text.write.uuid";

  /**
   * Saves {@code lines} under {@code output} (one write, a fresh UUID) and counts the records its
   * tasks read and wrote, as Spark SQL's write reports them: every record read is accepted.
   */
  public static RecordCounts write(
      SparkContext context, JavaPairRDD<NullWritable, Text> lines, Path output) {
    TaskRecordCounter records = TaskRecordCounter.start(context);
    try {
      lines.saveAsNewAPIHadoopFile(
          output.toString(),
          NullWritable.class,
          Text.class,
          TextSourceOutputFormat.class,
          forNewWrite(context.hadoopConfiguration()));
    } finally {
      records.close();
    }
    return RecordCounts.allAccepted(records.recordsRead(), records.recordsWritten());
  }

  /** Sets a fresh write UUID on {@code conf}, the configuration the write is saved with. */
  public static Configuration forNewWrite(Configuration conf) {
    Configuration copy = new Configuration(conf);
    copy.set(WRITE_UUID, UUID.randomUUID().toString());
    return copy;
  }

  @Override
  public Path getDefaultWorkFile(TaskAttemptContext context, String extension) throws IOException {
    String uuid = context.getConfiguration().get(WRITE_UUID);
    if (uuid == null) {
      throw new IllegalStateException(WRITE_UUID + " is not set: save with forNewWrite(conf)");
    }
    Path hadoopNamed = super.getDefaultWorkFile(context, extension); // in the committer's work path
    String name =
        String.format(
            "part-%05d-%s-c000.txt%s",
            context.getTaskAttemptID().getTaskID().getId(), uuid, extension);
    return new Path(hadoopNamed.getParent(), name);
  }
}
