package io.sluice.kv;

import io.sluice.errors.UserError;

/** The input cannot be loaded as given (missing, unreadable, unknown format, no such column); exit code 2. */
public final class BadInputException extends KeyValueStoreException implements UserError {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
