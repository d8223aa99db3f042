package io.sluice.jobs.join;

import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.CombinedSplitReader;
import io.sluice.jobs.mapreduce.NumberedLineInputFormat;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import io.sluice.storage.StorageUri;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * Reads both sides of a join as text lines keyed by their 1-based line number and file ({@link
 * io.sluice.jobs.mapreduce.FileLineNumber}), a side's whole files combined into splits ({@link
 * SideSplit}, sized by {@link SmallFileSplits}), so every record knows its side, file and line.
 * Files are not split: line numbers need a file read from its start.
 *
 * <p>Both engines read through this format (MapReduce as its input format, Spark through {@code
 * newAPIHadoopRDD}), so they see the same files, lines and line numbers.
 */
public final class JoinInputFormat extends FileInputFormat<LongWritable, Text> {

  /** Sets the two inputs to read. */
  public static void setInputs(Configuration conf, StorageUri left, StorageUri right) {
    conf.set(JoinSide.LEFT.inputKey(), left.hadoopUri().toString());
    conf.set(JoinSide.RIGHT.inputKey(), right.hadoopUri().toString());
  }

  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    return SmallFileSplits.listFiles(job);
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException {
    Configuration conf = context.getConfiguration();
    List<InputSplit> splits = new ArrayList<>();
    for (JoinSide side : JoinSide.values()) {
      Path location = new Path(conf.get(side.inputKey()));
      for (InputSplit files : SmallFileSplits.packWholeFiles(conf, files(conf, location))) {
        splits.add(new SideSplit(side, (CombineFileSplit) files));
      }
    }
    return splits;
  }

  /**
   * The files under a location, as FileInputFormat lists them (recursively, hidden files skipped),
   * by path.
   */
  static List<FileStatus> files(Configuration conf, Path location) throws IOException {
    Job listing = Job.getInstance(conf);
    FileInputFormat.setInputPaths(listing, location);
    FileInputFormat.setInputDirRecursive(listing, true);
    List<FileStatus> files = new ArrayList<>(new JoinInputFormat().listStatus(listing));
    files.sort(Comparator.comparing(FileStatus::getPath));
    return files;
  }

  /**
   * The column count of a right input's first non-empty line (first file by path), at least the key
   * column: how many columns a left-outer join pads unmatched left rows to.
   */
  static int firstRowColumns(
      Configuration conf, StorageUri location, char delimiter, int keyColumn) {
    Path path = location.toHadoopPath();
    try {
      FileSystem fs = path.getFileSystem(conf);
      CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
      for (FileStatus file : files(conf, path)) {
        CompressionCodec codec = codecs.getCodec(file.getPath());
        try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(
                    codec == null
                        ? fs.open(file.getPath())
                        : codec.createInputStream(fs.open(file.getPath())),
                    StandardCharsets.UTF_8))) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isEmpty()) {
              return Math.max(keyColumn, DelimitedRow.columns(line, delimiter));
            }
          }
        }
      }
      return keyColumn;
    } catch (IOException e) {
      throw new SluiceJobException(
          "cannot read the first row of " + location.original() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public RecordReader<LongWritable, Text> createRecordReader(
      InputSplit split, TaskAttemptContext context) throws IOException {
    return new CombinedSplitReader<>(
        split, context, NumberedLineInputFormat.NumberedLineReader.class);
  }

  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }
}
