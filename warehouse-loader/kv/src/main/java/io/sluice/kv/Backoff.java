package io.sluice.kv;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt n waits a random time in [0, min(max, base * 2^n)),
 * so many writers that were throttled together do not come back together.
 */
public record Backoff(Duration base, Duration max) {

  public static Backoff of(DynamoDbConfig config) {
    return new Backoff(config.baseBackoff(), config.maxBackoff());
  }

  /** The wait before retry number {@code attempt} (1 = the first retry). */
  public long delayMillis(int attempt) {
    long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt, 20));
    return ThreadLocalRandom.current().nextLong(Math.max(1, cap) + 1);
  }

  /** Sleeps before retry number {@code attempt}; an interrupt ends the wait and is kept. */
  public void pause(int attempt) {
    try {
      Thread.sleep(delayMillis(attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyValueStoreException("interrupted while waiting to retry", e);
    }
  }
}
