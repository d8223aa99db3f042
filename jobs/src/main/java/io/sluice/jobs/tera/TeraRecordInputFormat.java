package io.sluice.jobs.tera;

import io.sluice.jobs.mapreduce.SmallFileSplits;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads Tera data: every key is one whole 100-byte record (10-byte key and 90-byte value), so
 * ordering keys by unsigned bytes orders by Tera key, with the value breaking ties.
 *
 * <p>A record belongs to the split its first byte falls in. A file whose length is not a multiple
 * of 100 ends with a short record; the reader stops before it, and the jobs account for it from
 * {@link TeraInputScan} (rejected, with file and offset), so tasks never fail half-way on it. Input
 * directories are read recursively; names starting with '_' or '.' are skipped, as everywhere in
 * Hadoop.
 *
 * <p>A key is one record unless {@link #RECORDS_PER_KEY} asks for more: the Spark sort reads keys
 * of up to that many whole records, so the reader, Spark's per-record iterator and the batching
 * behind it run once per block instead of once per 100 bytes, which matters most while their code
 * is still cold in a fresh JVM.
 */
public class TeraRecordInputFormat extends FileInputFormat<BytesWritable, NullWritable> {

  /** Whole records per key (default 1); every key but a range's last holds exactly that many. */
  static final String RECORDS_PER_KEY = "sluice.tera.records-per-key";

  /** The input files, listed exactly as a job on {@code conf} would list them. */
  static List<FileStatus> inputFiles(Configuration conf, Path input) throws IOException {
    Job job = Job.getInstance(conf);
    FileInputFormat.setInputPaths(job, input);
    FileInputFormat.setInputDirRecursive(job, true);
    return new TeraRecordInputFormat().listStatus(job);
  }

  /** Lists without a process per local file (see {@link SmallFileSplits#listFiles}). */
  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    return SmallFileSplits.listFiles(job);
  }

  @Override
  public RecordReader<BytesWritable, NullWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new TeraRecordReader();
  }

  /** Reads the whole records that start inside one split. */
  static final class TeraRecordReader extends RecordReader<BytesWritable, NullWritable> {
    private BytesWritable record;
    private FSDataInputStream file;
    private DataInputStream in;
    private long start;
    private long position;
    private long end;

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
      FileSplit split = (FileSplit) genericSplit;
      Path path = split.getPath();
      FileSystem fs = path.getFileSystem(context.getConfiguration());
      long fileLength = fs.getFileStatus(path).getLen();
      long wholeRecordsEnd = fileLength - fileLength % TeraFormat.RECORD_LENGTH;
      start = TeraFormat.firstRecordAtOrAfter(split.getStart());
      end = Math.min(split.getStart() + split.getLength(), wholeRecordsEnd);
      position = start;
      int recordsPerKey = Math.max(1, context.getConfiguration().getInt(RECORDS_PER_KEY, 1));
      record = new BytesWritable(new byte[recordsPerKey * TeraFormat.RECORD_LENGTH]);
      file = fs.open(path);
      file.seek(start);
      // Blocks of records are large reads of their own; single records go through a buffer.
      in = recordsPerKey > 1 ? file : new DataInputStream(new BufferedInputStream(file, 1 << 16));
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      if (position >= end) {
        return false;
      }
      int length = record.getCapacity();
      if (end - position < length) {
        // The split's last key: the records starting before its end (the last may run past it).
        long starting = (end - position + TeraFormat.RECORD_LENGTH - 1) / TeraFormat.RECORD_LENGTH;
        length = (int) starting * TeraFormat.RECORD_LENGTH;
      }
      in.readFully(record.getBytes(), 0, length);
      record.setSize(length);
      position += length;
      return true;
    }

    @Override
    public BytesWritable getCurrentKey() {
      return record;
    }

    @Override
    public NullWritable getCurrentValue() {
      return NullWritable.get();
    }

    @Override
    public float getProgress() {
      return end <= start ? 1f : Math.min(1f, (position - start) / (float) (end - start));
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close(); // the file, or the buffer over it
      } else if (file != null) {
        file.close();
      }
    }
  }
}
