package io.sluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inputs a benchmark generates the first time it runs and keeps in its work directory for the next
 * runs: generating them is not what is measured.
 */
final class KeptInputs {

  /** Writes the input file. */
  @FunctionalInterface
  interface Generator {
    void write(Path file) throws Exception;
  }

  private KeptInputs() {}

  /** {@code file}, written by {@code generator} unless an earlier run left it. */
  static Path of(Path file, Generator generator) throws Exception {
    if (!Files.exists(file)) {
      generator.write(file);
    }
    return file;
  }
}
