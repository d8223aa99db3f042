package io.sluice.kv;

import java.time.Duration;

/** A read did not finish within the time its caller gave it; the message names table and time. */
public class KeyValueTimeoutException extends KeyValueStoreException {
  private static final long serialVersionUID = 1L;

  public KeyValueTimeoutException(String table, Duration timeout, Throwable cause) {
    super("reading table '" + table + "' took longer than " + timeout, cause);
  }
}
