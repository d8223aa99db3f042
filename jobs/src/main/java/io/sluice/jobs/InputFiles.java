package io.sluice.jobs;

import io.sluice.storage.StorageUri;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * The data files of an input location, listed the way Hadoop's FileInputFormat reads them:
 * recursively, skipping names that start with '_' or '.'. Used before a run to refuse an input with
 * nothing to read and to inspect files (CSV headers) up front.
 */
public final class InputFiles {

  private InputFiles() {}

  /**
   * The visible files under the location (or the file itself), sorted by path.
   *
   * @throws BadInputException when there are none: an empty input is almost always a wrong path,
   *     and a run over it would commit an empty output that looks like a success
   */
  public static List<Path> require(String parameter, StorageUri location, Configuration conf) {
    Path root = location.toHadoopPath();
    List<Path> files = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      collect(fs, fs.getFileStatus(root), files);
    } catch (IOException e) {
      throw new BadInputException(
          "cannot list --" + parameter + " " + location.original() + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new BadInputException(
          "--"
              + parameter
              + " "
              + location.original()
              + " holds no input files (names starting with '_' or '.' are ignored)");
    }
    files.sort(null);
    return files;
  }

  /**
   * The first line of a file (decompressed as Hadoop would, by its extension), without a UTF-8 byte
   * order mark, or null for an empty file: e.g. a CSV header to check before a run.
   *
   * @throws BadInputException when the file cannot be read
   */
  public static String firstLine(Path file, Configuration conf) {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    try (InputStream raw = file.getFileSystem(conf).open(file);
        InputStream in = codec == null ? raw : codec.createInputStream(raw);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line = reader.readLine();
      return line != null && line.startsWith("\uFEFF") ? line.substring(1) : line;
    } catch (IOException e) {
      throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void collect(FileSystem fs, FileStatus status, List<Path> files)
      throws IOException {
    if (status.isFile()) {
      files.add(status.getPath());
      return;
    }
    for (FileStatus child : fs.listStatus(status.getPath())) {
      String name = child.getPath().getName();
      if (!name.startsWith("_") && !name.startsWith(".")) {
        collect(fs, child, files);
      }
    }
  }
}
