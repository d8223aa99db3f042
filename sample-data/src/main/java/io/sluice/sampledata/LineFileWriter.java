package io.sluice.sampledata;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one generated file line by line (UTF-8, '\n'), counting records and the deliberately bad
 * ones, and logging progress on long files. Memory stays bounded whatever the scale. Lines go to a
 * hidden {@code .NAME.partial} file beside the target (jobs skip names starting with '.'), moved
 * onto the target by {@link #finish()}: a run that fails midway leaves the previous file, not half
 * a new one.
 */
final class LineFileWriter implements Closeable {

  /** Lines between progress log lines. */
  static final long PROGRESS_EVERY = 500_000;

  private static final Logger LOG = LoggerFactory.getLogger(LineFileWriter.class);

  private final String relativePath;
  private final Path target;
  private final Path partial;
  private final OutputStream out;
  private boolean finished;
  private long lines;
  private long records;
  private long badRecords;

  LineFileWriter(Path root, String relativePath) throws IOException {
    this.relativePath = relativePath;
    this.target = root.resolve(relativePath);
    Files.createDirectories(target.getParent());
    this.partial = target.resolveSibling("." + target.getFileName() + ".partial");
    this.out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
  }

  /** Writes a file of {@code text}'s lines, none of them a record (a spec, a schema). */
  static GeneratedFile textFile(Path root, String relativePath, String text) throws IOException {
    try (LineFileWriter out = new LineFileWriter(root, relativePath)) {
      for (String line : text.lines().toList()) {
        out.header(line);
      }
      return out.finish();
    }
  }

  /** A line that is not a record (a header or a comment). */
  void header(String line) throws IOException {
    write(line.getBytes(StandardCharsets.UTF_8));
  }

  /** A good record. */
  void record(CharSequence line) throws IOException {
    records++;
    write(line.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A record written wrong on purpose: readers must reject it. */
  void badRecord(CharSequence line) throws IOException {
    badRecord(line.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A deliberately bad record given as raw bytes (which need not be UTF-8); it must hold no line
   * break.
   */
  void badRecord(byte[] line) throws IOException {
    records++;
    badRecords++;
    write(line);
  }

  private void write(byte[] line) throws IOException {
    out.write(line);
    out.write('\n');
    if (++lines % PROGRESS_EVERY == 0) {
      LOG.info("{}: {} lines", relativePath, lines);
    }
  }

  /** Closes the file and accounts for it. */
  GeneratedFile finish() throws IOException {
    out.close();
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    finished = true;
    return new GeneratedFile(relativePath, records, badRecords, Files.size(target));
  }

  /** Without {@link #finish()} first (a failure), drops the partial file. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      try {
        out.close();
      } finally {
        Files.deleteIfExists(partial);
      }
    }
  }
}
