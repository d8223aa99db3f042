package io.sluice.runner;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sluice --version}: Sluice's build and the versions of what it runs on. */
class SluiceVersionTest {

  @Test
  void namesTheBuildAndTheLibrariesItRunsOn() {
    CliOutcome o = sluice("--version");
    assertEquals(0, o.code, o.toString());
    List<String> lines = o.out.lines().toList();
    assertEquals(5, lines.size(), o.out);
    // The version comes from the pom, the commit from git when the build ran in a clone.
    assertTrue(
        lines
            .get(0)
            .matches("sluice \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7,}|unknown)\\)"),
        lines.get(0));
    assertTrue(lines.get(1).matches("Spark 4\\.\\d+\\.\\d+.*"), lines.get(1));
    assertTrue(lines.get(2).matches("Hadoop 3\\.\\d+\\.\\d+.*"), lines.get(2));
    assertTrue(lines.get(3).matches("Scala 2\\.13\\.\\d+"), lines.get(3));
    assertTrue(lines.get(4).startsWith("Java " + Runtime.version().feature()), lines.get(4));
    assertEquals("", o.err);
  }

  @Test
  void everySubcommandPrintsTheSameWithV() {
    String root = sluice("-V").out;
    for (String[] args :
        List.of(
            new String[] {"s3", "-V"},
            new String[] {"s3", "versioning", "status", "--version"},
            new String[] {"run", "-V"},
            new String[] {"run", "wordcount", "-V"},
            new String[] {"completion", "-V"})) {
      CliOutcome o = sluice(args);
      assertEquals(0, o.code, String.join(" ", args) + "\n" + o);
      assertEquals(root, o.out, String.join(" ", args));
    }
  }
}
