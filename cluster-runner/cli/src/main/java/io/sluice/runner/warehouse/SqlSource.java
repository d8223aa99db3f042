package io.sluice.runner.warehouse;

import io.sluice.jobs.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code sluice sql} reads a script: {@code -f FILE}, or stdin for {@code -f -} and for no
 * SQL at all when stdin is not a terminal (as psql reads a pipe); named as psql names it in errors.
 */
record SqlSource(String name, String text) {

  static SqlSource of(String file) {
    if (file == null && System.console() != null) {
      throw new BadInputException(
          "no SQL: give a statement, -f FILE, or pipe the statements on stdin");
    }
    if (file == null || file.equals("-")) {
      try {
        return new SqlSource(
            "<stdin>", new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new BadInputException("cannot read SQL from stdin: " + e.getMessage());
      }
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new BadInputException("SQL file " + file + " does not exist or is not a file");
    }
    try {
      return new SqlSource(file, Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new BadInputException("cannot read SQL file " + file + ": " + e.getMessage());
    }
  }
}
