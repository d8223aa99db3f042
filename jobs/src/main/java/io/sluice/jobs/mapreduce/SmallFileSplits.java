package io.sluice.jobs.mapreduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.InvalidInputException;

/**
 * How Sluice sizes combined input splits, so 1,000 small files become a few tasks rather than 1,000
 * (each task costs far more to start than a small file costs to read).
 *
 * <p>A split holds at most {@link #maxSplitBytes} bytes: the user's {@code
 * mapreduce.input.fileinputformat.split.maxsize} when set, else the input's size spread over the
 * engine's parallel tasks ({@value #PARALLELISM}), between {@value #MIN_DEFAULT_BYTES} and {@value
 * #MAX_DEFAULT_BYTES} bytes.
 */
public final class SmallFileSplits {

  /** Tasks that run at once: the Spark side sets its default parallelism here. */
  public static final String PARALLELISM = "sluice.input.split.parallelism";

  static final long MAX_DEFAULT_BYTES = 128L << 20;
  static final long MIN_DEFAULT_BYTES = 4L << 20;

  private SmallFileSplits() {}

  /** The largest split for an input of {@code totalBytes}. */
  public static long maxSplitBytes(Configuration conf, long totalBytes) {
    long configured = conf.getLong(FileInputFormat.SPLIT_MAXSIZE, 0);
    if (configured > 0) {
      return configured;
    }
    int parallelism = Math.max(1, conf.getInt(PARALLELISM, defaultParallelism(conf)));
    long spread = (totalBytes + parallelism - 1) / parallelism;
    return Math.min(MAX_DEFAULT_BYTES, Math.max(MIN_DEFAULT_BYTES, spread));
  }

  /**
   * Sizes splits for {@code tasks} parallel tasks (a Spark session's default parallelism) unless
   * the configuration already names a parallelism.
   */
  public static void parallelismUnlessSet(Configuration conf, int tasks) {
    if (conf.get(PARALLELISM) == null) {
      conf.setInt(PARALLELISM, tasks);
    }
  }

  /** The largest split for {@code files} (their bytes summed). */
  public static long maxSplitBytes(Configuration conf, List<FileStatus> files) {
    return maxSplitBytes(conf, files.stream().mapToLong(FileStatus::getLen).sum());
  }

  /** Local MapReduce runs this many map tasks at once; a cluster, as many as it has slots. */
  private static int defaultParallelism(Configuration conf) {
    return "local".equals(conf.get("mapreduce.framework.name", "local"))
        ? conf.getInt("mapreduce.local.map.tasks.maximum", 1)
        : 1;
  }

  /**
   * The files FileInputFormat would read (input paths and globs, recursive when asked, names
   * starting with '_' or '.' skipped), as plain statuses. FileInputFormat's own listing makes a
   * LocatedFileStatus per file, which on the local file system forks a process per file to read its
   * permissions: seconds for 1,000 files, more than reading them.
   */
  public static List<FileStatus> listFiles(JobContext job) throws IOException {
    Configuration conf = job.getConfiguration();
    boolean recursive = FileInputFormat.getInputDirRecursive(job);
    List<FileStatus> files = new ArrayList<>();
    for (Path input : FileInputFormat.getInputPaths(job)) {
      FileSystem fs = input.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(input, SmallFileSplits::visible);
      if (matches == null || matches.length == 0) {
        throw new InvalidInputException(
            List.of(new IOException("Input path does not exist: " + input)));
      }
      for (FileStatus match : matches) {
        collect(fs, match, recursive, true, files);
      }
    }
    return files;
  }

  private static void collect(
      FileSystem fs, FileStatus status, boolean recursive, boolean top, List<FileStatus> files)
      throws IOException {
    if (!status.isDirectory()) {
      files.add(status);
    } else if (top || recursive) {
      for (FileStatus child : fs.listStatus(status.getPath(), SmallFileSplits::visible)) {
        collect(fs, child, recursive, false, files);
      }
    } else {
      throw new IOException("Not a file: " + status.getPath());
    }
  }

  private static boolean visible(Path path) {
    String name = path.getName();
    return !name.startsWith("_") && !name.startsWith(".");
  }

  /**
   * Whole files packed in path order into splits of at most {@link #maxSplitBytes} (a larger file
   * gets a split of its own); empty files hold no lines and get none. Path order keeps a run's
   * splits, and so its task outputs, the same from run to run.
   */
  public static List<InputSplit> packWholeFiles(Configuration conf, List<FileStatus> listed) {
    List<FileSplit> files = new ArrayList<>();
    for (FileStatus file : listed) {
      if (file.getLen() > 0) {
        files.add(new FileSplit(file.getPath(), 0, file.getLen(), new String[0]));
      }
    }
    return packRanges(conf, files);
  }

  /**
   * File ranges packed in path and offset order into splits of at most {@link #maxSplitBytes} of
   * their summed bytes (a larger range gets a split of its own).
   */
  public static List<InputSplit> packRanges(Configuration conf, List<FileSplit> listed) {
    List<FileSplit> ranges = new ArrayList<>(listed);
    ranges.sort(Comparator.comparing(FileSplit::getPath).thenComparingLong(FileSplit::getStart));
    long max = maxSplitBytes(conf, ranges.stream().mapToLong(FileSplit::getLength).sum());
    List<InputSplit> splits = new ArrayList<>();
    List<FileSplit> current = new ArrayList<>();
    long currentBytes = 0;
    for (FileSplit range : ranges) {
      if (!current.isEmpty() && currentBytes + range.getLength() > max) {
        splits.add(split(current));
        current.clear();
        currentBytes = 0;
      }
      current.add(range);
      currentBytes += range.getLength();
    }
    if (!current.isEmpty()) {
      splits.add(split(current));
    }
    return splits;
  }

  private static CombineFileSplit split(List<FileSplit> ranges) {
    int n = ranges.size();
    Path[] paths = new Path[n];
    long[] starts = new long[n];
    long[] lengths = new long[n];
    for (int i = 0; i < n; i++) {
      paths[i] = ranges.get(i).getPath();
      starts[i] = ranges.get(i).getStart();
      lengths[i] = ranges.get(i).getLength();
    }
    // No host hints: the ranges of one split may live anywhere, and local runs ignore them.
    return new CombineFileSplit(paths, starts, lengths, new String[0]);
  }
}
