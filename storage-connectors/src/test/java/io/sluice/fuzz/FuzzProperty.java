package io.sluice.fuzz;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;

/**
 * One fuzz property of a parser: {@code tries} inputs drawn from a seeded generator, each checked
 * within the {@link TimeLimit}. Each input has a seed of its own, drawn from the property's seed,
 * so a failure names the one seed that replays it ({@code -Dsluice.fuzz.replay=SEED}) along with
 * the input, escaped and cut short. The loop stops at the first failing input: there is nothing to
 * shrink (a mutant is already a small edit of a valid sample).
 *
 * @param name what the property says, shown as the test's name
 * @param seed the seed the inputs' seeds are drawn from
 * @param tries how many inputs to check
 * @param inputs makes one input from a seeded random source
 * @param check fails (throws) when the parser mishandles the input
 */
public record FuzzProperty(
    String name, long seed, int tries, Function<Random, Mutant> inputs, Check check) {

  /** Tries per property in {@code mvn verify}; the fuzz profile sets {@code sluice.fuzz.tries}. */
  public static final int DEFAULT_TRIES = 1_000;

  /** The check of one input. */
  @FunctionalInterface
  public interface Check {
    void accept(Mutant input) throws Exception;
  }

  /** A property over {@link #defaultTries()} inputs. */
  public static FuzzProperty of(
      String name, long seed, Function<Random, Mutant> inputs, Check check) {
    return new FuzzProperty(name, seed, defaultTries(), inputs, check);
  }

  /** The same property over a fixed number of inputs (the costly MiB-sized ones). */
  public FuzzProperty withTries(int count) {
    return new FuzzProperty(name, seed, count, inputs, check);
  }

  /** {@code -Dsluice.fuzz.tries=N}, else {@link #DEFAULT_TRIES}. */
  public static int defaultTries() {
    return Integer.getInteger("sluice.fuzz.tries", DEFAULT_TRIES);
  }

  /** The property as one JUnit test, named with its seed and tries. */
  public DynamicTest test() {
    return DynamicTest.dynamicTest(
        name + " (seed " + seed + ", " + tries + " tries)", this::checkAll);
  }

  /** Checks every input, or only the one {@code -Dsluice.fuzz.replay} names. */
  public void checkAll() {
    String replay = System.getProperty("sluice.fuzz.replay", "");
    if (!replay.isBlank()) {
      checkOne(0, Long.parseLong(replay.trim()));
      return;
    }
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int i = 1; i <= tries; i++) {
      checkOne(i, seeds.nextLong());
    }
  }

  private void checkOne(int index, long inputSeed) {
    Mutant input = inputs.apply(new Random(inputSeed));
    try {
      TimeLimit.call(
          () -> {
            check.accept(input);
            return null;
          });
    } catch (Throwable failure) {
      throw new AssertionError(
          String.format(
              "%s: try %d of %d (property seed %d) failed: %s%n"
                  + "  replay it alone with -Dsluice.fuzz.replay=%d%n  input: %s",
              name, index, tries, seed, failure, inputSeed, input),
          failure);
    }
  }
}
