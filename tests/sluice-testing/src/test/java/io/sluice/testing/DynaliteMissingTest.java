package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kv.EmbeddedDynamoDbException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * A missing dynalite skips the test, fails it on CI with the install hint; other failures stay
 * failures.
 */
class DynaliteMissingTest {

  private static final EmbeddedDynamoDbException NOT_INSTALLED =
      new EmbeddedDynamoDbException(
          "the embedded DynamoDB server (dynalite) is not installed in .sluice/tools/dynalite of this project: run "
              + "bin/setup (or point SLUICE_DYNALITE at dynalite's cli.js)");
  private static final EmbeddedDynamoDbException NO_NODE =
      new EmbeddedDynamoDbException(
          "Node.js (node) is not on the PATH; the embedded DynamoDB server needs it: run bin/setup");

  @Test
  void skippedWhenMissingOutsideCi() {
    for (EmbeddedDynamoDbException e : new EmbeddedDynamoDbException[] {NOT_INSTALLED, NO_NODE}) {
      RuntimeException outcome = Fixtures.whenDynamoDbDidNotStart(e, Map.of());
      assertInstanceOf(TestAbortedException.class, outcome);
      assertTrue(
          outcome.getMessage().contains("run bin/setup.d/20-dynalite.sh"), outcome.getMessage());
      assertInstanceOf(
          TestAbortedException.class, Fixtures.whenDynamoDbDidNotStart(e, Map.of("CI", "false")));
    }
  }

  @Test
  void aFailureOnCiNamingTheInstallScript() {
    RuntimeException outcome =
        Fixtures.whenDynamoDbDidNotStart(NOT_INSTALLED, Map.of("CI", "true"));
    assertInstanceOf(IllegalStateException.class, outcome);
    assertTrue(
        outcome
            .getMessage()
            .startsWith(
                "the DynamoDB API server (dynalite) is not installed: run "
                    + "bin/setup.d/20-dynalite.sh"),
        outcome.getMessage());
    assertSame(NOT_INSTALLED, outcome.getCause());
  }

  @Test
  void otherStartFailuresAreNotSkipped() {
    EmbeddedDynamoDbException crashed =
        new EmbeddedDynamoDbException(
            "the DynamoDB server (dynalite) exited with code 1 on start: Error: EACCES");
    assertSame(crashed, Fixtures.whenDynamoDbDidNotStart(crashed, Map.of()));
  }
}
