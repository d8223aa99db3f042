package io.sluice.storage.s3;

import io.sluice.errors.UserError;
import java.nio.file.Path;

/** A local file of a transfer cannot be read or written; the message names it. */
public class LocalFileException extends ObjectStoreException implements UserError {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public LocalFileException(Path file, String reason, Throwable cause) {
    super("local file " + file + ": " + reason, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
