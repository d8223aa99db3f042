package io.sluice.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsTheBurstThenTheRate() {
    TokenBucket bucket = new TokenBucket(2, 3, 0);
    assertEquals(0, bucket.tryTake(0));
    assertEquals(0, bucket.tryTake(0));
    assertEquals(0, bucket.tryTake(0));
    long wait = bucket.tryTake(0);
    assertEquals(SECOND / 2, wait, 1);
    assertTrue(bucket.tryTake(SECOND / 4) > 0, "half a token is not a token");
    assertEquals(0, bucket.tryTake(SECOND / 2));
    // A long pause refills to the burst, no more.
    long later = 100 * SECOND;
    for (int i = 0; i < 3; i++) {
      assertEquals(0, bucket.tryTake(later));
    }
    assertTrue(bucket.tryTake(later) > 0);
  }

  @Test
  void retryAfterRoundsUpToWholeSecondsAtLeastOne() {
    assertEquals(1, TokenBucket.retryAfterSeconds(1));
    assertEquals(1, TokenBucket.retryAfterSeconds(SECOND));
    assertEquals(2, TokenBucket.retryAfterSeconds(SECOND + 1));
  }

  @Test
  void aClockGoingBackDoesNotMintTokens() {
    TokenBucket bucket = new TokenBucket(1, 1, 10 * SECOND);
    assertEquals(0, bucket.tryTake(10 * SECOND));
    assertTrue(bucket.tryTake(5 * SECOND) > 0);
  }
}
