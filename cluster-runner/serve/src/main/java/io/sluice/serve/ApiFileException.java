package io.sluice.serve;

import io.sluice.errors.UserError;

/** The API file cannot be used as written: one line naming the file, the line and the field. */
public final class ApiFileException extends RuntimeException implements UserError {

  public ApiFileException(String message) {
    super(message);
  }

  public ApiFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
