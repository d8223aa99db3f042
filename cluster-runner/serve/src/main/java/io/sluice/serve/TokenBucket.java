package io.sluice.serve;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code rate} per second; a request
 * takes one. Time is passed in (nanoseconds from any fixed origin) so tests need no sleeps.
 */
final class TokenBucket {

  private final double ratePerNano;
  private final double capacity;
  private double tokens;
  private long last;

  TokenBucket(double ratePerSecond, int burst, long nowNanos) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /**
   * Takes a token if there is one and returns 0; otherwise returns how many nanoseconds until one
   * will be there (nothing is taken).
   */
  synchronized long tryTake(long nowNanos) {
    if (nowNanos > last) {
      tokens = Math.min(capacity, tokens + (nowNanos - last) * ratePerNano);
      last = nowNanos;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  /**
   * Seconds a client should wait for {@code nanos}, as the Retry-After header says it: 1 or more.
   */
  static long retryAfterSeconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
