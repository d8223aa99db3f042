package io.sluice.warehouse;

import io.sluice.storage.StorageUri;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files one load reads: a single file, or every data file of a directory (Spark/Hadoop output:
 * names starting with {@code _} or {@code .} such as {@code _SUCCESS} are skipped). Files are read
 * through the Hadoop FileSystem API, so bare paths, file://, hdfs:// and s3:// all work.
 */
public final class LoadInput {

  private final StorageUri location;
  private final InputFormat format;
  private final List<FileStatus> files;
  private final Configuration conf;

  private LoadInput(StorageUri location, InputFormat format, List<FileStatus> files, Configuration conf) {
    this.location = location;
    this.format = format;
    this.files = List.copyOf(files);
    this.conf = conf;
  }

  /**
   * Lists the input.
   *
   * @param format the format, or null to take it from the file names
   * @throws InvalidLoadRequestException if the input is missing, empty or of mixed/unknown format
   */
  public static LoadInput resolve(StorageUri location, InputFormat format, Configuration conf) {
    Path path = location.toHadoopPath();
    List<FileStatus> found = new ArrayList<>();
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status;
      try {
        status = fs.getFileStatus(path);
      } catch (FileNotFoundException e) {
        throw new InvalidLoadRequestException("input " + location.original() + " does not exist");
      }
      if (status.isDirectory()) {
        for (FileStatus child : fs.listStatus(path)) {
          String name = child.getPath().getName();
          if (child.isFile() && !name.startsWith("_") && !name.startsWith(".") && child.getLen() > 0) {
            found.add(child);
          }
        }
        found.sort(Comparator.comparing(f -> f.getPath().getName()));
      } else {
        found.add(status);
      }
    } catch (IOException e) {
      throw new WarehouseException("cannot list input " + location.original() + ": " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new InvalidLoadRequestException("input " + location.original() + " holds no data files");
    }
    InputFormat chosen = format;
    for (FileStatus f : found) {
      InputFormat named = InputFormat.ofFileName(f.getPath().getName());
      if (chosen == null) {
        chosen = named;
      } else if (named != null && named != chosen && format == null) {
        throw new InvalidLoadRequestException("input " + location.original() + " mixes " + chosen + " and " + named
            + " files (" + f.getPath().getName() + "); load them separately");
      }
    }
    if (chosen == null) {
      // Spark's part-* files without an extension: Parquet is what Sluice jobs write.
      chosen = InputFormat.PARQUET;
    }
    if (format == null) {
      InputFormat kind = chosen;
      found.removeIf(f -> {
        InputFormat named = InputFormat.ofFileName(f.getPath().getName());
        return named != null && named != kind;
      });
    }
    return new LoadInput(location, chosen, found, conf);
  }

  public StorageUri location() {
    return location;
  }

  public InputFormat format() {
    return format;
  }

  public List<FileStatus> files() {
    return files;
  }

  public Configuration conf() {
    return conf;
  }

  public long bytes() {
    return files.stream().mapToLong(FileStatus::getLen).sum();
  }

  public boolean isLocal() {
    return location.scheme() == StorageUri.Scheme.FILE;
  }

  /** Local file-system paths of the files (only for local inputs). */
  public List<java.nio.file.Path> localPaths() {
    if (!isLocal()) {
      throw new IllegalStateException(location.original() + " is not local");
    }
    return files.stream().map(f -> java.nio.file.Path.of(f.getPath().toUri())).toList();
  }

  /**
   * The input's identity for the load history: a SHA-256 over each file's name, length and
   * modification time. The same files give the same id, so an append of them is not repeated;
   * a rewritten file (new length or time) is a new input.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (FileStatus f : files) {
        sha.update((f.getPath().toUri().getPath() + '\0' + f.getLen() + '\0' + f.getModificationTime() + '\n')
            .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
