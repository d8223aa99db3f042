package io.sluice.functions;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids as Lambda and API Gateway give them: random (version 4) UUIDs. */
public final class RequestIds {

  private RequestIds() {}

  /**
   * A random (version 4) UUID as {@link UUID#randomUUID()} gives, from the thread's own generator:
   * that method draws on the JDK's one shared SecureRandom under a lock, which request threads
   * queued on for tens of milliseconds (JFR, docs/BENCHMARKS.md). A request id must be unique, not
   * unguessable: it grants nothing.
   */
  public static String random() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low =
        (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
    return new UUID(high, low).toString();
  }
}
