package io.sluice.tests.faults;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Seeded kill moments within a run's measured duration: the same seed gives the same moments, so a
 * failing trial is repeated with {@code -Dsluice.faults.seed=SEED}.
 */
final class KillSchedule {

  /** The seed of every cell unless {@code sluice.faults.seed} is set. */
  static final long DEFAULT_SEED = 17L;

  private final long seed;
  private final SplittableRandom random;

  KillSchedule(String cell) {
    this(Long.getLong("sluice.faults.seed", DEFAULT_SEED) ^ cell.hashCode());
  }

  KillSchedule(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  long seed() {
    return seed;
  }

  /**
   * The next moment, uniform over the last three quarters of {@code duration}: the first quarter is
   * the JVM starting, where nothing is written yet.
   */
  Duration next(Duration duration) {
    long millis = Math.max(1, duration.toMillis());
    return Duration.ofMillis(millis / 4 + random.nextLong(Math.max(1, millis - millis / 4)));
  }

  /**
   * How many trials a cell gets: {@code sluice.faults.trials} (the fault-matrix profile sets 20).
   */
  static int trials() {
    return Math.max(1, Integer.getInteger("sluice.faults.trials", 1));
  }
}
