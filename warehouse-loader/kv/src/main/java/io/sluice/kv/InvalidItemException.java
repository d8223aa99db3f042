package io.sluice.kv;

import io.sluice.errors.UserError;

/**
 * The request cannot succeed as typed: an item over the 400 KB limit, a missing or mistyped key
 * attribute, a malformed value. Retrying does not help; the CLI exits with code 2.
 */
public final class InvalidItemException extends KeyValueStoreException implements UserError {
  private static final long serialVersionUID = 1L;

  public InvalidItemException(String message) {
    super(message);
  }

  public InvalidItemException(String message, Throwable cause) {
    super(message, cause);
  }
}
