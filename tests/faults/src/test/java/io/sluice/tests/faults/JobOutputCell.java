package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code sluice run JOB --output URI --overwrite} on any storage Hadoop reaches (file, hdfs, s3a):
 * the entries are the lines of the output's part files, plus {@code <no _SUCCESS>} when the output
 * is visible but was never committed; leftovers are staging directories beside it, plus what {@code
 * extraLeftovers} counts (pending multipart uploads on S3).
 */
final class JobOutputCell implements KillCell {

  static final String UNCOMMITTED = "<no _SUCCESS>";

  private final String where;
  private final List<String> args;
  private final String output;
  private final Configuration conf;
  private final Map<String, String> env;
  private final ToLongFunction<String> extraLeftovers;

  JobOutputCell(
      String where,
      List<String> args,
      String output,
      Configuration conf,
      Map<String, String> env,
      ToLongFunction<String> extraLeftovers) {
    this.where = where;
    this.args = args;
    this.output = output;
    this.conf = conf;
    this.env = env;
    this.extraLeftovers = extraLeftovers;
  }

  @Override
  public String where() {
    return where;
  }

  @Override
  public void reset() throws IOException {
    Path path = new Path(s3a(output));
    FileSystem fs = fs();
    fs.delete(path, true);
    for (FileStatus sibling : staging(fs, path)) {
      fs.delete(sibling.getPath(), true);
    }
  }

  @Override
  public SluiceProcess.Builder command() {
    List<String> all = new ArrayList<>(List.of("run"));
    all.addAll(args);
    all.addAll(List.of("--output", output, "--overwrite"));
    return SluiceProcess.cli(all.toArray(String[]::new)).env(env);
  }

  @Override
  public List<String> visible() throws IOException {
    Path path = new Path(s3a(output));
    FileSystem fs = fs();
    if (!fs.exists(path)) {
      return List.of();
    }
    List<String> entries = new ArrayList<>();
    for (FileStatus file : fs.listStatus(path)) {
      String name = file.getPath().getName();
      if (!file.isFile() || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(fs.open(file.getPath()), StandardCharsets.UTF_8))) {
        in.lines().forEach(entries::add);
      }
    }
    // An uncommitted directory that holds no data file (only markers or _temporary) is a leftover:
    // readers see no rows in it.
    if (!entries.isEmpty() && !fs.exists(new Path(path, "_SUCCESS"))) {
      entries.add(UNCOMMITTED);
    }
    return entries;
  }

  @Override
  public long leftovers() throws IOException {
    Path path = new Path(s3a(output));
    FileSystem fs = fs();
    boolean uncommitted = fs.exists(path) && !fs.exists(new Path(path, "_SUCCESS"));
    return staging(fs, path).length + (uncommitted ? 1 : 0) + extraLeftovers.applyAsLong(output);
  }

  private FileSystem fs() throws IOException {
    return FileSystem.get(URI.create(s3a(output)), conf);
  }

  private static FileStatus[] staging(FileSystem fs, Path output) throws IOException {
    Path parent = output.getParent();
    if (!fs.exists(parent)) {
      return new FileStatus[0];
    }
    String prefix = "." + output.getName() + ".sluice-staging-";
    return fs.listStatus(parent, p -> p.getName().startsWith(prefix));
  }

  /** The CLI takes s3://; Hadoop in this JVM reads it through S3A. */
  static String s3a(String uri) {
    return uri.startsWith("s3://") ? "s3a://" + uri.substring(5) : uri;
  }
}
