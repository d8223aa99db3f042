package io.sluice.kv;

/** A key-value operation failed; the message names the table, key or endpoint involved. */
public class KeyValueStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyValueStoreException(String message) {
    super(message);
  }

  public KeyValueStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
