package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * A missing tool skips a test outside CI and fails it under CI=true, naming the install hint either
 * way.
 */
class RequiredToolTest {

  @Test
  void skipsOutsideCiWithTheInstallHint() {
    for (Map<String, String> env :
        java.util.List.of(Map.<String, String>of(), Map.of("CI", "false"))) {
      RuntimeException outcome =
          RequiredTool.missing("podman", "bin/setup.d/10-podman.sh", null, null, env);
      assertInstanceOf(TestAbortedException.class, outcome);
      assertEquals("podman is not installed: run bin/setup.d/10-podman.sh", outcome.getMessage());
    }
  }

  @Test
  void failsUnderCiWithTheInstallHintAndTheCause() {
    IOException cause = new IOException("Cannot run program \"podman\"");
    RuntimeException outcome =
        RequiredTool.missing(
            "podman", "bin/setup.d/10-podman.sh", cause.getMessage(), cause, Map.of("CI", "true"));
    assertInstanceOf(IllegalStateException.class, outcome);
    assertTrue(
        outcome
            .getMessage()
            .startsWith(
                "podman is not installed: run bin/setup.d/10-podman.sh (Cannot run program \"podman\")"),
        outcome.getMessage());
    assertSame(cause, outcome.getCause());
  }

  @Test
  void findsExecutablesOnThePath() {
    assertTrue(RequiredTool.findOnPath("sh").isPresent(), "sh is on every PATH");
    assertTrue(RequiredTool.findOnPath("no-such-tool-" + System.nanoTime()).isEmpty());
  }
}
