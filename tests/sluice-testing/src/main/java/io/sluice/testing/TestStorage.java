package io.sluice.testing;

import io.sluice.jobs.RejectedRecord;
import io.sluice.storage.StorageUri;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One storage system a test template runs on ({@link AcrossStorages}, {@link
 * AcrossEnginesAndStorages}): a fresh, empty directory on the local file system, on the class's
 * {@link MiniDfs}, or a fresh {@link S3Bucket}. Tests write their input and read the job's output
 * through it with paths relative to that directory, and hand jobs {@link #uri}s.
 *
 * <p><b>Scope: one per test template invocation</b>; a {@code file://} directory is deleted
 * afterwards, an HDFS directory lives until the class's cluster stops.
 */
public final class TestStorage {

  /** The storage systems a job can be tested on. */
  public enum Kind {
    FILE("file"),
    HDFS("hdfs"),
    S3("s3");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** Lower case, as in display names: {@code [spark, hdfs]}. */
    public String id() {
      return id;
    }

    @Override
    public String toString() {
      return id;
    }

    static Kind parse(String name) {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
  }

  private final Kind kind;
  private final String root;

  TestStorage(Kind kind, String root) {
    this.kind = kind;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * A location a job accepts: {@code file:///tmp/.../relative}, {@code hdfs://127.0.0.1:PORT/...}
   * or {@code s3://bucket/relative}; the empty string names the storage's directory itself.
   */
  public String uri(String relative) {
    String clean = relative.startsWith("/") ? relative.substring(1) : relative;
    return clean.isEmpty() ? root : root + "/" + clean;
  }

  /** The Hadoop path of {@link #uri(String)} (s3:// becomes s3a://). */
  public Path path(String relative) {
    return StorageUri.parse(uri(relative)).toHadoopPath();
  }

  /** A Hadoop client of this storage with the running fixtures' settings. */
  public FileSystem fileSystem() {
    try {
      return path("").getFileSystem(ActiveSettings.hadoopConf());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + root + ": " + e.getMessage(), e);
    }
  }

  /** Writes a file (UTF-8), replacing it if it exists. */
  public void write(String relative, String content) {
    writeBytes(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a file of lines, each ended by {@code \n}. */
  public void writeLines(String relative, List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append('\n'));
    write(relative, text.toString());
  }

  /** Writes a file of bytes, replacing it if it exists. */
  public void writeBytes(String relative, byte[] content) {
    Path path = path(relative);
    try (FSDataOutputStream out = fileSystem().create(path, true)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Copies a local file or directory (recursively) to {@code relative}. */
  public void copyFromLocal(java.nio.file.Path local, String relative) {
    Path target = path(relative);
    try {
      fileSystem().copyFromLocalFile(false, true, new Path(local.toAbsolutePath().toUri()), target);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy " + local + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * The bytes of a file; for a directory (a job's output), its {@code part-*} files concatenated in
   * name order.
   */
  public byte[] readBytes(String relative) {
    Path path = path(relative);
    FileSystem fs = fileSystem();
    try {
      FileStatus status = fs.getFileStatus(path);
      if (!status.isDirectory()) {
        return read(fs, path);
      }
      FileStatus[] parts = fs.listStatus(path, p -> p.getName().startsWith("part-"));
      Arrays.sort(parts);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (FileStatus part : parts) {
        if (part.isFile()) {
          all.write(read(fs, part.getPath()));
        }
      }
      return all.toByteArray();
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(uri(relative) + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The lines of a file; for a directory (a job's output), the lines of its {@code part-*} files
   * concatenated in name order. Lines end at {@code \n}; a final {@code \n} ends the last line.
   */
  public List<String> readLines(String relative) {
    return lines(readBytes(relative));
  }

  /**
   * The records a job quarantined: the JSON lines of every file under {@code <output>/_rejected/}
   * ({@code part-*} and others, names starting with '_' or '.' skipped), sorted; empty when there
   * is no such directory.
   */
  public List<String> rejected(String outputRelative) {
    Path dir = new Path(path(outputRelative), RejectedRecord.DIRECTORY);
    FileSystem fs = fileSystem();
    List<String> lines = new ArrayList<>();
    try {
      if (!fs.exists(dir)) {
        return lines;
      }
      for (FileStatus file : fs.listStatus(dir)) {
        String name = file.getPath().getName();
        if (file.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          lines.addAll(lines(read(fs, file.getPath())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    lines.sort(null);
    return lines;
  }

  /** {@link #rejected(String)}, parsed. */
  public List<RejectedRecord> rejectedRecords(String outputRelative) {
    return rejected(outputRelative).stream().map(RejectedJson::parse).toList();
  }

  public boolean exists(String relative) {
    try {
      return fileSystem().exists(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + uri(relative) + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a file or directory (recursively); false when there was none. */
  public boolean delete(String relative) {
    try {
      return fileSystem().delete(path(relative), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + uri(relative) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The data of an output, by directory relative to it ({@code ""} for the top): the {@code part-*}
   * files of each directory concatenated in name order. Directories whose names start with '_' or
   * '.' (rejected records, staging) are skipped.
   */
  Map<String, byte[]> partFilesByDirectory(String outputRelative) {
    Map<String, byte[]> byDirectory = new TreeMap<>();
    FileSystem fs = fileSystem();
    try {
      collectParts(fs, path(outputRelative), "", byDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + uri(outputRelative) + ": " + e.getMessage(), e);
    }
    return byDirectory;
  }

  private static void collectParts(
      FileSystem fs, Path dir, String relative, Map<String, byte[]> out) throws IOException {
    FileStatus[] children = fs.listStatus(dir);
    Arrays.sort(children);
    ByteArrayOutputStream parts = new ByteArrayOutputStream();
    boolean any = false;
    for (FileStatus child : children) {
      String name = child.getPath().getName();
      if (child.isDirectory()) {
        if (!name.startsWith("_") && !name.startsWith(".")) {
          collectParts(fs, child.getPath(), relative + name + "/", out);
        }
      } else if (name.startsWith("part-")) {
        parts.write(read(fs, child.getPath()));
        any = true;
      }
    }
    if (any) {
      out.put(relative, parts.toByteArray());
    }
  }

  private static byte[] read(FileSystem fs, Path file) throws IOException {
    try (FSDataInputStream in = fs.open(file)) {
      return in.readAllBytes();
    }
  }

  static List<String> lines(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return new ArrayList<>();
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  @Override
  public String toString() {
    return kind.id() + " storage at " + root;
  }
}
