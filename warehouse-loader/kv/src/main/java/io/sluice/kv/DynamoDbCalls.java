package io.sluice.kv;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs the store's SDK calls: throttling retried with {@link Backoff} up to the configured attempts
 * (the SDK's own retries are off), every other error translated by {@link DynamoDbErrors}.
 */
final class DynamoDbCalls {

  // The store's logger, so log lines keep the name they always had.
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbKeyValueStore.class);

  private final DynamoDbErrors errors;
  private final Backoff backoff;
  private final int maxAttempts;

  DynamoDbCalls(DynamoDbErrors errors, DynamoDbConfig config) {
    this.errors = errors;
    this.backoff = Backoff.of(config);
    this.maxAttempts = config.maxAttempts();
  }

  <T> T withRetries(String table, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (SdkException e) {
        RuntimeException translated = errors.translate(table, e);
        if (!(translated instanceof ThrottledException) || attempt >= maxAttempts) {
          throw translated;
        }
        LOG.debug("throttled on {} (attempt {}): {}", table, attempt, e.getMessage());
        backoff.pause(attempt);
      }
    }
  }

  /** One attempt, errors translated: for callers that account for throttling themselves. */
  <T> T once(String table, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw errors.translate(table, e);
    }
  }

  RuntimeException translate(String table, SdkException e) {
    return errors.translate(table, e);
  }
}
