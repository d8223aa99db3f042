package io.sluice.kv;

/**
 * The store refused a request for now (ProvisionedThroughputExceeded, Throttling,
 * RequestLimitExceeded, or a 5xx): retry it later with backoff.
 */
public final class ThrottledException extends KeyValueStoreException {
  private static final long serialVersionUID = 1L;

  public ThrottledException(String message, Throwable cause) {
    super(message, cause);
  }
}
