package io.sluice.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample inputs are exactly what the generator writes, and stay small. */
class SampleDataTest {

  /** Tests run in the jobs module; the samples are at the repository root. */
  private static final Path COMMITTED = Path.of("..", "sample-data");

  @TempDir
  Path dir;

  @Test
  void committedSamplesEqualTheGeneratorsOutput() throws Exception {
    AccessLogSampleGenerator.writeAll(dir);
    long total = 0;
    for (String file : AccessLogSampleGenerator.FILES) {
      Path committed = COMMITTED.resolve(file);
      assertTrue(Files.isRegularFile(committed), "missing " + committed
          + "; regenerate with AccessLogSampleGenerator (see its javadoc)");
      assertEquals(Files.readString(dir.resolve(file)), Files.readString(committed),
          file + " differs from the generator's output; regenerate it");
      total += Files.size(committed);
    }
    assertTrue(total < 300 * 1024, "samples grew to " + total + " bytes");
  }
}
