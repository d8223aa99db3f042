package io.sluice.jobs.tera;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Writes Tera data: each key is one 100-byte record, or a batch of whole records (Spark's sort
 * hands on thousands at once, so the writer's per-call cost is paid per batch), written as is, with
 * no separators.
 */
public class TeraRecordOutputFormat extends FileOutputFormat<BytesWritable, NullWritable> {

  @Override
  public RecordWriter<BytesWritable, NullWritable> getRecordWriter(TaskAttemptContext context)
      throws IOException {
    Path file = getDefaultWorkFile(context, "");
    FSDataOutputStream out = file.getFileSystem(context.getConfiguration()).create(file, false);
    return new RecordWriter<>() {
      @Override
      public void write(BytesWritable record, NullWritable ignored) throws IOException {
        int length = record.getLength();
        if (length == 0 || length % TeraFormat.RECORD_LENGTH != 0) {
          // Anything but whole records would shift every later record of the file.
          throw new IOException(
              "Tera records are "
                  + TeraFormat.RECORD_LENGTH
                  + " bytes, got "
                  + length
                  + " for "
                  + file);
        }
        out.write(record.getBytes(), 0, length);
      }

      @Override
      public void close(TaskAttemptContext ignored) throws IOException {
        out.close();
      }
    };
  }
}
