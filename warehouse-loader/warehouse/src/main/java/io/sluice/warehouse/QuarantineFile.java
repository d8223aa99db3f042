package io.sluice.warehouse;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rejected rows, one CSV line each: {@code file,line,reason,row}. Opened on the first rejection, so
 * a clean load leaves no file.
 */
final class QuarantineFile implements AutoCloseable {

  private final Path path;
  private BufferedWriter out;
  private long rows;

  QuarantineFile(Path path) {
    this.path = path;
  }

  void reject(String file, long line, String reason, String row) {
    try {
      if (out == null) {
        if (path.getParent() != null) {
          Files.createDirectories(path.getParent());
        }
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        out.write("file,line,reason,row\n");
      }
      out.write(csv(file) + "," + line + "," + csv(reason) + "," + csv(row) + "\n");
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write quarantine file " + path + ": " + e.getMessage(), e);
    }
  }

  long rows() {
    return rows;
  }

  Path path() {
    return path;
  }

  private static String csv(String v) {
    return '"' + v.replace("\"", "\"\"") + '"';
  }

  /** Removes the file: the load it belonged to did not happen. */
  void discard() {
    close();
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Nothing depends on it; the failed load's error is what the user needs to see.
    }
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write quarantine file " + path + ": " + e.getMessage(), e);
      } finally {
        out = null;
      }
    }
  }
}
