package io.sluice.runner.sampledata;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.runner.CliOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice sample-data generate} in-process: the committed files by default, and bad options
 * as one line with exit 2.
 */
class SampleDataCommandTest {

  /** Tests run in cluster-runner/cli/; the committed samples are at the repository root. */
  private static final Path COMMITTED = Path.of("..", "..", "sample-data");

  @TempDir Path dir;

  @Test
  void defaultsWriteTheCommittedFilesAndOneSummaryLine() throws Exception {
    CliOutcome o =
        sluice("sample-data", "generate", "--out", dir.toString(), "--only", "orders,text");
    assertEquals(0, o.code, o.err);
    assertTrue(
        o.out.startsWith("sample-data done: files=5 records=2028 (bad on purpose=7), out="), o.out);
    assertEquals(1, o.out.lines().count(), o.out);
    for (String file :
        new String[] {
          "etl/orders.csv", "etl/orders.jsonl", "etl/orders.schema.yaml", "text/river-notes.txt"
        }) {
      assertArrayEquals(
          Files.readAllBytes(COMMITTED.resolve(file)), Files.readAllBytes(dir.resolve(file)), file);
    }
    assertFalse(Files.exists(dir.resolve("ml")), "--only leaves the other datasets out");
  }

  @Test
  void scaleMultipliesTheRecords() {
    CliOutcome o =
        sluice(
            "sample-data",
            "generate",
            "--out",
            dir.toString(),
            "--only",
            "text",
            "--scale",
            "4",
            "--seed",
            "9");
    assertEquals(0, o.code, o.err);
    assertTrue(o.out.startsWith("sample-data done: files=1 records=84 (bad on purpose=0)"), o.out);
    assertTrue(o.out.contains("scale=4 seed=9"), o.out);
  }

  @Test
  void badOptionsAreOneLineAndExitTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    String[][] cases = {
      {"--out", dir.toString(), "--scale", "0"},
      {"--out", dir.toString(), "--only", "orders,weather"},
      {"--out", file.resolve("sub").toString()},
      {"--scale", "2"},
    };
    String[] expected = {
      "sluice: --scale must be at least 1, got 0",
      "sluice: --only: unknown dataset 'weather'; choose from churn, orders, logs, text",
      "sluice: --out " + file.resolve("sub") + ": cannot create the folder",
      "sluice sample-data generate: Missing required option: '--out=DIR'",
    };
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[cases[i].length + 2];
      args[0] = "sample-data";
      args[1] = "generate";
      System.arraycopy(cases[i], 0, args, 2, cases[i].length);
      CliOutcome o = sluice(args);
      assertEquals(2, o.code, String.join(" ", args) + ": " + o.err);
      assertEquals(1, o.err.lines().count(), o.err);
      assertTrue(o.err.startsWith(expected[i]), o.err);
    }
  }
}
