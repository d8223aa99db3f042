package io.sluice.jobs.mapreduce;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;

/**
 * Text lines keyed by their 1-based line number in their file ({@link FileLineNumber}, which also
 * names the file), so rejected records can say where they came from. Files are not split: numbering
 * needs one sequential read from the start (and a file's first line, such as a CSV header, reaches
 * the same task as the rest). Small files are combined: whole files packed in path order into
 * splits sized by {@link SmallFileSplits}, each file read by its own {@link NumberedLineReader}.
 * Both engines read through this format (Spark via {@code newAPIHadoopFile}), so they see identical
 * lines.
 */
public final class NumberedLineInputFormat extends CombineFileInputFormat<LongWritable, Text> {

  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }

  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    return SmallFileSplits.listFiles(job);
  }

  @Override
  public List<InputSplit> getSplits(JobContext job) throws IOException {
    return SmallFileSplits.packWholeFiles(job.getConfiguration(), listStatus(job));
  }

  @Override
  public RecordReader<LongWritable, Text> createRecordReader(
      InputSplit split, TaskAttemptContext context) throws IOException {
    return new CombinedSplitReader<>(split, context, NumberedLineReader.class);
  }

  /**
   * Hadoop's line reader (LF, CR or CRLF line ends, compressed files) with line numbers as keys.
   * Reads one {@link FileSplit}, or one file of a {@link CombineFileSplit}.
   */
  public static final class NumberedLineReader extends RecordReader<LongWritable, Text> {
    private final LineRecordReader lines = new LineRecordReader();
    private final FileLineNumber number = new FileLineNumber();
    private final int fileIndex;

    /** Reads a whole-file {@link FileSplit}. */
    public NumberedLineReader() {
      this.fileIndex = -1;
    }

    /** Reads the {@code fileIndex}th file of a combined split (CombineFileRecordReader's call). */
    public NumberedLineReader(
        CombineFileSplit split, TaskAttemptContext context, Integer fileIndex) {
      this.fileIndex = fileIndex;
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) throws IOException {
      FileSplit file;
      if (split instanceof CombineFileSplit combined) {
        file =
            new FileSplit(
                combined.getPath(fileIndex),
                combined.getOffset(fileIndex),
                combined.getLength(fileIndex),
                new String[0]);
      } else {
        file = (FileSplit) split;
      }
      number.set(file.getPath().toString(), 0);
      lines.initialize(file, context);
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      if (!lines.nextKeyValue()) {
        return false;
      }
      number.set(number.get() + 1);
      return true;
    }

    @Override
    public LongWritable getCurrentKey() {
      return number;
    }

    @Override
    public Text getCurrentValue() {
      return lines.getCurrentValue();
    }

    @Override
    public float getProgress() throws IOException {
      return lines.getProgress();
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }
}
