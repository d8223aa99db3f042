package io.sluice.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shared fuzz loop: seeded, replayable, and a failure says which input and how to replay it.
 */
class FuzzPropertyTest {

  private static final List<String> SAMPLES = List.of("a,b\n1,2\n");

  @Test
  void theSameSeedDrawsTheSameInputs() {
    assertEquals(drawn(7), drawn(7));
    assertTrue(!drawn(7).equals(drawn(8)), "another seed, other inputs");
  }

  @Test
  void aFailureNamesTheTryTheSeedThatReplaysItAndTheInputEscaped() {
    List<String> seen = new ArrayList<>();
    FuzzProperty property =
        new FuzzProperty(
            "fails on the third input",
            42,
            10,
            Mutations.of(SAMPLES),
            input -> {
              seen.add(input.toString());
              if (seen.size() == 3) {
                throw new IllegalStateException("boom");
              }
            });
    AssertionError failure = assertThrows(AssertionError.class, property::checkAll);
    String message = failure.getMessage();
    assertTrue(message.startsWith("fails on the third input: try 3 of 10 (property seed 42)"));
    assertTrue(message.contains("java.lang.IllegalStateException: boom"), message);
    assertTrue(message.contains("input: " + seen.get(2)), message);
    assertTrue(message.contains("\\x0a"), "control characters are escaped: " + message);

    Matcher replay = Pattern.compile("-Dsluice.fuzz.replay=(-?\\d+)").matcher(message);
    assertTrue(replay.find(), message);
    List<String> replayed = new ArrayList<>();
    System.setProperty("sluice.fuzz.replay", replay.group(1));
    try {
      new FuzzProperty("replay", 42, 10, Mutations.of(SAMPLES), i -> replayed.add(i.toString()))
          .checkAll();
    } finally {
      System.clearProperty("sluice.fuzz.replay");
    }
    assertEquals(List.of(seen.get(2)), replayed);
  }

  @Test
  void anInputThatRunsPastTheTimeLimitFails() {
    FuzzProperty spinning =
        new FuzzProperty(
            "spins",
            1,
            1,
            Mutations.of(SAMPLES),
            input -> {
              long x = 0;
              while (!Thread.currentThread().isInterrupted()) {
                x++;
              }
            });
    AssertionError failure = assertThrows(AssertionError.class, spinning::checkAll);
    assertTrue(failure.getMessage().contains("did not finish within"), failure.getMessage());
  }

  @Test
  void triesDefaultToAThousand() {
    assertEquals(1_000, FuzzProperty.DEFAULT_TRIES);
    assertEquals(
        Integer.getInteger("sluice.fuzz.tries", 1_000),
        FuzzProperty.of("p", 1, Mutations.of(SAMPLES), i -> {}).tries());
    assertEquals(3, FuzzProperty.of("p", 1, Mutations.of(SAMPLES), i -> {}).withTries(3).tries());
  }

  private static List<String> drawn(long seed) {
    List<String> inputs = new ArrayList<>();
    new FuzzProperty("collect", seed, 20, Mutations.of(SAMPLES), i -> inputs.add(i.toString()))
        .checkAll();
    return inputs;
  }
}
