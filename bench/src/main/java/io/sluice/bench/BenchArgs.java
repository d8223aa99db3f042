package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark's positional command-line arguments, each with a default when it is left out: sizes,
 * counts and the work directory.
 */
final class BenchArgs {

  private final String[] args;

  BenchArgs(String[] args) {
    this.args = args;
  }

  String text(int index, String orElse) {
    return args.length > index ? args[index] : orElse;
  }

  long longNumber(int index, long orElse) {
    return args.length > index ? Long.parseLong(args[index]) : orElse;
  }

  int intNumber(int index, int orElse) {
    return args.length > index ? Integer.parseInt(args[index]) : orElse;
  }

  /** The work directory at {@code index}, absolute and created (it is kept between runs). */
  Path workDir(int index, String orElse) throws IOException {
    Path work = Path.of(text(index, orElse)).toAbsolutePath();
    Files.createDirectories(work);
    return work;
  }
}
