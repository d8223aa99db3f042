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
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;

/**
 * The files one load reads: a single file, or every data file of a directory (Spark/Hadoop output:
 * names starting with {@code _} or {@code .} such as {@code _SUCCESS} are skipped). Files are read
 * through the Hadoop FileSystem API, so hdfs:// and s3:// work; local ones (bare paths, file://)
 * are listed and read with java.nio and {@link LocalParquetFile}: no Hadoop FileSystem is created
 * for them, which in a fresh JVM saves the second or so of class loading and set-up that passes
 * before the first rows of a local load could be sent.
 */
public final class LoadInput {

  /**
   * The block size Hadoop's local FileSystem reports by default (fs.local.block.size); not used for
   * reading.
   */
  private static final long LOCAL_BLOCK_SIZE = 32L << 20;

  private final StorageUri location;
  private final InputFormat format;
  private final List<FileStatus> files;
  private final Configuration conf;

  /** Whether the files are read through java.nio (local input) rather than a Hadoop FileSystem. */
  private final boolean nio;

  private LoadInput(
      StorageUri location,
      InputFormat format,
      List<FileStatus> files,
      Configuration conf,
      boolean nio) {
    this.location = location;
    this.format = format;
    this.files = List.copyOf(files);
    this.conf = conf;
    this.nio = nio;
  }

  /**
   * Lists the input.
   *
   * @param format the format, or null to take it from the file names
   * @throws InvalidLoadRequestException if the input is missing, empty or of mixed/unknown format
   */
  public static LoadInput resolve(StorageUri location, InputFormat format, Configuration conf) {
    return resolve(location, format, conf, location.scheme() == StorageUri.Scheme.FILE);
  }

  /**
   * Lists the input, local files through java.nio when {@code nio}, else through the Hadoop
   * FileSystem of the location (tests compare the two on the same files).
   */
  static LoadInput resolve(
      StorageUri location, InputFormat format, Configuration conf, boolean nio) {
    List<FileStatus> found = nio ? listLocal(location) : listHadoop(location, conf);
    if (found.isEmpty()) {
      throw new InvalidLoadRequestException(
          "input " + location.original() + " holds no data files");
    }
    InputFormat chosen = format;
    for (FileStatus f : found) {
      InputFormat named = InputFormat.ofFileName(f.getPath().getName());
      if (chosen == null) {
        chosen = named;
      } else if (named != null && named != chosen && format == null) {
        throw new InvalidLoadRequestException(
            "input "
                + location.original()
                + " mixes "
                + chosen
                + " and "
                + named
                + " files ("
                + f.getPath().getName()
                + "); load them separately");
      }
    }
    if (chosen == null) {
      // Spark's part-* files without an extension: Parquet is what Sluice jobs write.
      chosen = InputFormat.PARQUET;
    }
    if (format == null) {
      InputFormat kind = chosen;
      found.removeIf(
          f -> {
            InputFormat named = InputFormat.ofFileName(f.getPath().getName());
            return named != null && named != kind;
          });
    }
    return new LoadInput(location, chosen, found, conf, nio);
  }

  private static boolean isDataFile(String name, boolean isFile, long length) {
    return isFile && !name.startsWith("_") && !name.startsWith(".") && length > 0;
  }

  /**
   * A local file or directory, listed with java.nio. The statuses carry what Hadoop's local
   * FileSystem would give (qualified file: path, length, modification time in milliseconds), so
   * {@link #fingerprint} and thus load ids are the same either way.
   */
  private static List<FileStatus> listLocal(StorageUri location) {
    java.net.URI uri = location.hadoopUri();
    // file:relative/path is an opaque URI with no path part.
    java.nio.file.Path path =
        java.nio.file.Path.of(uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart());
    List<FileStatus> found = new ArrayList<>();
    try {
      java.nio.file.attribute.BasicFileAttributes attrs;
      try {
        attrs =
            java.nio.file.Files.readAttributes(
                path, java.nio.file.attribute.BasicFileAttributes.class);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new InvalidLoadRequestException("input " + location.original() + " does not exist");
      }
      if (attrs.isDirectory()) {
        try (java.util.stream.Stream<java.nio.file.Path> children =
            java.nio.file.Files.list(path)) {
          for (java.nio.file.Path child : (Iterable<java.nio.file.Path>) children::iterator) {
            java.nio.file.attribute.BasicFileAttributes a =
                java.nio.file.Files.readAttributes(
                    child, java.nio.file.attribute.BasicFileAttributes.class);
            if (isDataFile(child.getFileName().toString(), a.isRegularFile(), a.size())) {
              found.add(localStatus(child, a));
            }
          }
        }
        found.sort(Comparator.comparing(f -> f.getPath().getName()));
      } else {
        found.add(localStatus(path, attrs));
      }
    } catch (IOException e) {
      throw new WarehouseException(
          "cannot list input " + location.original() + ": " + e.getMessage(), e);
    }
    return found;
  }

  private static FileStatus localStatus(
      java.nio.file.Path file, java.nio.file.attribute.BasicFileAttributes a) {
    return new FileStatus(
        a.size(),
        a.isDirectory(),
        1,
        LOCAL_BLOCK_SIZE,
        a.lastModifiedTime().toMillis(),
        new Path(file.toAbsolutePath().toUri()));
  }

  private static List<FileStatus> listHadoop(StorageUri location, Configuration conf) {
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
          if (isDataFile(name, child.isFile(), child.getLen())) {
            found.add(child);
          }
        }
        found.sort(Comparator.comparing(f -> f.getPath().getName()));
      } else {
        found.add(status);
      }
    } catch (IOException e) {
      throw new WarehouseException(
          "cannot list input " + location.original() + ": " + e.getMessage(), e);
    }
    return found;
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

  /** The file to hand parquet-mr: java.nio for local input, else the Hadoop FileSystem's. */
  InputFile parquetFile(FileStatus f) throws IOException {
    return nio
        ? new LocalParquetFile(java.nio.file.Path.of(f.getPath().toUri()))
        : HadoopInputFile.fromStatus(f, conf);
  }

  /**
   * parquet-mr's read options for {@code f}: for local input with a plain configuration (no Hadoop
   * Configuration to load); else from the Hadoop configuration, as before.
   */
  ParquetReadOptions parquetOptions(FileStatus f) {
    return nio
        ? ParquetReadOptions.builder(new PlainParquetConfiguration()).build()
        : HadoopReadOptions.builder(conf, f.getPath()).build();
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
   * modification time. The same files give the same id, so an append of them is not repeated; a
   * rewritten file (new length or time) is a new input.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (FileStatus f : files) {
        sha.update(
            (f.getPath().toUri().getPath()
                    + '\0'
                    + f.getLen()
                    + '\0'
                    + f.getModificationTime()
                    + '\n')
                .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
