package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * {@code sluice ml train} of the sample churn spec into a registry (a path or s3://): the entries
 * are the files of the latest complete version (one with {@code model.json}), ids masked; a version
 * without {@code model.json} is never read. Leftovers: hidden staging folders and versions without
 * {@code model.json}.
 */
final class ModelRegistryCell implements KillCell {

  private static final String NAME = "churn";
  private static final String INFO = "model.json";

  /** Spark's part-file UUIDs and MLlib's stage uids ({@code 01_imputer_ded05f3a486d}). */
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|_[0-9a-f]{12}\\b");

  private final String where;
  private final String spec;
  private final String registry;
  private final Configuration conf;
  private final Map<String, String> env;

  ModelRegistryCell(
      String where, String spec, String registry, Configuration conf, Map<String, String> env) {
    this.where = where;
    this.spec = spec;
    this.registry = registry;
    this.conf = conf;
    this.env = env;
  }

  @Override
  public String where() {
    return where;
  }

  @Override
  public void reset() throws IOException {
    fs().delete(new Path(JobOutputCell.s3a(registry)), true);
  }

  @Override
  public SluiceProcess.Builder command() {
    return SluiceProcess.cli(
            "ml",
            "train",
            spec,
            "--algorithm",
            "logistic",
            "--registry",
            registry,
            "--name",
            NAME,
            "--master",
            "local[2]")
        .heap("1g")
        .env(env);
  }

  @Override
  public List<String> visible() throws IOException {
    List<String> entries = new ArrayList<>();
    // `ml train` registers a new version per run by design (the pipeline step reuses one): the
    // latest complete version is the output; earlier ones are whole versions, not duplicates.
    List<FileStatus> complete = versions(true);
    for (FileStatus version : complete.subList(Math.max(0, complete.size() - 1), complete.size())) {
      RemoteIterator<LocatedFileStatus> files = fs().listFiles(version.getPath(), true);
      String base = version.getPath().toUri().getPath();
      while (files.hasNext()) {
        String path = files.next().getPath().toUri().getPath();
        if (!path.endsWith(".crc")) {
          entries.add(UUID.matcher(path.substring(base.length())).replaceAll("*"));
        }
      }
    }
    return entries;
  }

  @Override
  public long leftovers() throws IOException {
    Path name = new Path(JobOutputCell.s3a(registry), NAME);
    if (!fs().exists(name)) {
      return 0;
    }
    long hidden =
        fs().listStatus(name, p -> p.getName().startsWith(".") && !p.getName().equals(".claims"))
            .length;
    return hidden + versions(false).size();
  }

  /** Version folders with (complete) or without {@code model.json}, by number. */
  private List<FileStatus> versions(boolean complete) throws IOException {
    Path name = new Path(JobOutputCell.s3a(registry), NAME);
    FileSystem fs = fs();
    if (!fs.exists(name)) {
      return List.of();
    }
    List<FileStatus> found = new ArrayList<>();
    for (FileStatus dir : fs.listStatus(name, p -> p.getName().matches("\\d+"))) {
      if (fs.exists(new Path(dir.getPath(), INFO)) == complete) {
        found.add(dir);
      }
    }
    found.sort(Comparator.comparingInt(s -> Integer.parseInt(s.getPath().getName())));
    return found;
  }

  private FileSystem fs() throws IOException {
    return FileSystem.get(URI.create(JobOutputCell.s3a(registry)), conf);
  }
}
