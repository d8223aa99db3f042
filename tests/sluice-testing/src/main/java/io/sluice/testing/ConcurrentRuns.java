package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the concurrency ITs (runs, trainers, pipelines started together) expect of each command: it
 * won, or it lost with exit 2 and one line, never a stack trace.
 */
public final class ConcurrentRuns {

  /** Rounds per case: {@code -Dsluice.race.rounds} (20 with the {@code races} profile), else 2. */
  public static final int ROUNDS = Integer.getInteger("sluice.race.rounds", 2);

  /** From this many rounds on, a run is the full sample (and adds its costlier cases). */
  public static final int FULL_ROUNDS = 20;

  private ConcurrentRuns() {}

  /**
   * Whether the command won (exit 0); a loser must have exited with 2 and printed exactly one
   * {@code sluice: } line, matching {@code loserLine} after that prefix, and no stack trace.
   */
  public static boolean won(SluiceProcess.Result r, Pattern loserLine) {
    if (r.exitCode() == 0) {
      return true;
    }
    assertEquals(2, r.exitCode(), r.all());
    List<String> errors = r.stderr().lines().filter(l -> l.startsWith("sluice: ")).toList();
    assertEquals(1, errors.size(), r.stderr());
    String line = errors.get(0).substring("sluice: ".length());
    assertTrue(loserLine.matcher(line).matches(), line);
    assertFalse(r.stderr().contains("\tat "), r.stderr());
    return false;
  }
}
