package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping from input bytes to engine settings, and its defaults. */
class InputSizingTest {

  private static final long MIB = 1L << 20;

  @Test
  void defaults() {
    assertEquals(64 * MIB, InputSizing.BYTES_PER_SHUFFLE_PARTITION);
    assertEquals(256 * MIB, InputSizing.BYTES_PER_REDUCER);
    assertEquals(2 * MIB, InputSizing.INTERPRETED_BELOW_BYTES);
  }

  @Test
  void shufflePartitionsGrowWithTheInputUpToTheMaximum() {
    assertEquals(1, InputSizing.shufflePartitions(0, 8));
    assertEquals(1, InputSizing.shufflePartitions(6, 8));
    assertEquals(1, InputSizing.shufflePartitions(10 * MIB, 8));
    assertEquals(1, InputSizing.shufflePartitions(64 * MIB, 8));
    assertEquals(2, InputSizing.shufflePartitions(64 * MIB + 1, 8));
    assertEquals(2, InputSizing.shufflePartitions(100 * MIB, 8));
    assertEquals(8, InputSizing.shufflePartitions(512 * MIB, 8));
    assertEquals(8, InputSizing.shufflePartitions(1L << 40, 8));
    assertEquals(3, InputSizing.shufflePartitions(1L << 40, 3));
  }

  @Test
  void reducersGrowWithTheInputUpToTheMaximum() {
    assertEquals(1, InputSizing.reducers(6, 2));
    assertEquals(1, InputSizing.reducers(256 * MIB, 2));
    assertEquals(2, InputSizing.reducers(256 * MIB + 1, 2));
    assertEquals(2, InputSizing.reducers(1L << 40, 2));
    assertEquals(4, InputSizing.reducers(1L << 30, 16));
  }

  @Test
  void aMaximumBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> InputSizing.shufflePartitions(6, 0));
    assertThrows(IllegalArgumentException.class, () -> InputSizing.reducers(6, 0));
  }

  @Test
  void tinyInputsRunInterpreted() {
    assertTrue(InputSizing.interpreted(0));
    assertTrue(InputSizing.interpreted(6));
    assertTrue(InputSizing.interpreted(2 * MIB - 1));
    assertFalse(InputSizing.interpreted(2 * MIB));
    assertEquals(
        Map.of(
            "spark.sql.shuffle.partitions", "1",
            "spark.sql.adaptive.enabled", "true",
            "spark.sql.codegen.wholeStage", "false",
            "spark.sql.codegen.factoryMode", "NO_CODEGEN"),
        InputSizing.spark(6, 8));
  }

  @Test
  void largerInputsCompileTheirPlans() {
    assertEquals(
        Map.of(
            "spark.sql.shuffle.partitions", "2",
            "spark.sql.adaptive.enabled", "true",
            "spark.sql.codegen.wholeStage", "true",
            "spark.sql.codegen.factoryMode", "FALLBACK"),
        InputSizing.spark(100 * MIB, 8));
  }
}
