package io.sluice.runner.pipeline.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.errors.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchConfigTest {

  @Test
  void defaults() {
    WatchConfig c = WatchConfig.builder("b", "in/").build();
    assertEquals("b", c.bucket());
    assertEquals("in/", c.prefix());
    assertEquals(Duration.ofSeconds(5), c.interval());
    assertFalse(c.once());
    assertEquals(ExistingObjects.RUN, c.existing());
    assertEquals(3, c.maxAttempts());
    assertEquals(1000, c.listPageSize());
    assertEquals(WatchConfig.defaultStateFile("b", "in/"), c.stateFile());
    assertEquals("s3://b/in/", c.location());
  }

  @Test
  void mappings() {
    WatchConfig c =
        WatchConfig.builder("b", null)
            .stateFile(Path.of("s.json"))
            .interval(Duration.ofMinutes(1))
            .once(true)
            .existing(ExistingObjects.SKIP)
            .maxAttempts(1)
            .listPageSize(2)
            .build();
    assertEquals(
        new WatchConfig(
            "b", "", Path.of("s.json"), Duration.ofMinutes(1), true, ExistingObjects.SKIP, 1, 2),
        c);
    assertEquals(ExistingObjects.SKIP, ExistingObjects.parse("skip"));
    assertEquals(ExistingObjects.RUN, ExistingObjects.parse("run"));
  }

  @Test
  void defaultStateFilesAreReadableAndUniquePerBucketAndPrefix() {
    Path p = WatchConfig.defaultStateFile("sluice-demo", "incoming/orders/");
    assertEquals(Path.of(".sluice", "watch"), p.getParent());
    assertTrue(
        p.getFileName().toString().matches("sluice-demo_incoming_orders_-[0-9a-f]{8}\\.json"),
        p.toString());
    assertNotEquals(p, WatchConfig.defaultStateFile("sluice-demo", "incoming/orders_"));
    assertNotEquals(p, WatchConfig.defaultStateFile("sluice-demo_incoming", "orders/"));
  }

  @Test
  void badValuesAreOneLineUserErrors() {
    WatchConfig.Builder b = WatchConfig.builder("b", "");
    assertEquals(
        "--interval must be positive, got PT0S",
        assertThrows(InvalidInputException.class, () -> b.interval(Duration.ZERO).build())
            .getMessage());
    b.interval(Duration.ofSeconds(1));
    assertEquals(
        "--max-attempts must be 1..100, got 0",
        assertThrows(InvalidInputException.class, () -> b.maxAttempts(0).build()).getMessage());
    b.maxAttempts(1);
    assertEquals(
        "--list-page-size must be 1..1000, got 1001",
        assertThrows(InvalidInputException.class, () -> b.listPageSize(1001).build()).getMessage());
    assertThrows(InvalidInputException.class, () -> WatchConfig.builder("", "").build());
    assertEquals(
        "--existing 'maybe': expected run or skip",
        assertThrows(InvalidInputException.class, () -> ExistingObjects.parse("maybe"))
            .getMessage());
  }
}
