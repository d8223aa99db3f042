package io.sluice.jobs.spark;

import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.CombinedSplitReader;
import io.sluice.jobs.mapreduce.SizedCombineInputFormat;
import io.sluice.jobs.mapreduce.SmallFileSplits;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileRecordReaderWrapper;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The lines {@link SparkLines#text} reads (Spark SQL's text source with {@code
 * recursiveFileLookup}), as a Hadoop input format for RDD jobs that must read exactly those lines
 * without Spark SQL's session state: the same files and the same line ends.
 *
 * <ul>
 *   <li>Files as Spark's file index chooses them: each input path globbed when it holds a glob
 *       character, directories listed recursively, skipping every listed name that starts with '.',
 *       ends with {@code ._COPYING_} or starts with '_' without holding '=' (but not {@code
 *       _metadata*} / {@code _common_metadata*} directories), then leaf files named '.*' or '_*'
 *       without '=' (Spark's {@code HadoopFSUtils.shouldFilterOutPathName} and {@code
 *       PartitioningAwareFileIndex.isDataPath}). MapReduce's own listing skips every name starting
 *       with '_' or '.' and keeps {@code ._COPYING_}, so it can read other files.
 *   <li>Lines split at {@code \n}, {@code \r} or {@code \r\n} by {@link LineRecordReader} without a
 *       delimiter, as the text source's reader does: a {@code textinputformat.record.delimiter}
 *       setting, which MapReduce's text input honours, does not apply.
 *   <li>Files packed and split as {@link SizedCombineInputFormat} does; which task reads a line
 *       changes no line.
 * </ul>
 */
public final class TextSourceInputFormat extends SizedCombineInputFormat<LongWritable, Text> {

  /**
   * The lines under {@code input} (a file, a directory or a glob) as Spark SQL's text source would
   * read them, keyed by byte offset; the {@link Text} values are reused by the reader.
   */
  public static JavaPairRDD<LongWritable, Text> lines(SparkContext context, StorageUri input) {
    Job read;
    try {
      read = Job.getInstance(new Configuration(context.hadoopConfiguration()));
      FileInputFormat.addInputPath(read, new Path(input.hadoopUri().toString()));
    } catch (IOException e) {
      throw new SluiceJobException(
          "cannot read " + input.original() + " on Spark: " + e.getMessage(), e);
    }
    SmallFileSplits.parallelismUnlessSet(read.getConfiguration(), context.defaultParallelism());
    return JavaSparkContext.fromSparkContext(context)
        .newAPIHadoopRDD(
            read.getConfiguration(), TextSourceInputFormat.class, LongWritable.class, Text.class);
  }

  @Override
  protected List<FileStatus> listStatus(JobContext job) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    for (Path input : FileInputFormat.getInputPaths(job)) {
      FileSystem fs = input.getFileSystem(job.getConfiguration());
      for (FileStatus root : roots(fs, input)) {
        // A root is listed as Spark lists it: a file lists as itself, under the same name rules.
        FileStatus[] listed =
            root.isDirectory() ? fs.listStatus(root.getPath()) : new FileStatus[] {root};
        collect(fs, listed, files);
      }
    }
    return files;
  }

  private static List<FileStatus> roots(FileSystem fs, Path input) throws IOException {
    if (isGlob(input.toString())) {
      FileStatus[] matches = fs.globStatus(input);
      return matches == null ? List.of() : List.of(matches);
    }
    return List.of(fs.getFileStatus(input));
  }

  private static void collect(FileSystem fs, FileStatus[] listed, List<FileStatus> files)
      throws IOException {
    for (FileStatus status : listed) {
      String name = status.getPath().getName();
      if (skippedByIndex(name)) {
        continue;
      }
      if (status.isDirectory()) {
        collect(fs, fs.listStatus(status.getPath()), files);
      } else if (isDataFile(name)) {
        files.add(status);
      }
    }
  }

  /** Spark's glob test: the pattern holds one of {@code {}[]*?\}. */
  static boolean isGlob(String path) {
    for (int i = 0; i < path.length(); i++) {
      if ("{}[]*?\\".indexOf(path.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Names Spark's listing drops, directories and files alike. */
  static boolean skippedByIndex(String name) {
    boolean exclude =
        (name.startsWith("_") && !name.contains("="))
            || name.startsWith(".")
            || name.endsWith("._COPYING_");
    boolean include = name.startsWith("_common_metadata") || name.startsWith("_metadata");
    return exclude && !include;
  }

  /** Leaf files Spark's file index reads of those listed. */
  static boolean isDataFile(String name) {
    return !((name.startsWith("_") && !name.contains("=")) || name.startsWith("."));
  }

  @Override
  public RecordReader<LongWritable, Text> createRecordReader(
      InputSplit split, TaskAttemptContext context) throws IOException {
    return new CombinedSplitReader<>(split, context, DefaultLineEndsReader.class);
  }

  /** One file range of a combined split, read by {@link LineRecordReader} without a delimiter. */
  public static final class DefaultLineEndsReader
      extends CombineFileRecordReaderWrapper<LongWritable, Text> {

    public DefaultLineEndsReader(CombineFileSplit split, TaskAttemptContext context, Integer index)
        throws IOException, InterruptedException {
      super(new DefaultLineEnds(), split, context, index);
    }
  }

  private static final class DefaultLineEnds extends FileInputFormat<LongWritable, Text> {
    @Override
    public RecordReader<LongWritable, Text> createRecordReader(
        InputSplit split, TaskAttemptContext context) {
      return new LineRecordReader();
    }
  }
}
