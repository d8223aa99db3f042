package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.StorageUri;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputTest {

  @TempDir Path dir;

  private final Configuration conf = new Configuration();

  @Test
  void existingOutputIsRefusedWithoutOverwriteAndKept() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("keep"), "x");
    OutputExistsException e =
        assertThrows(
            OutputExistsException.class,
            () -> StagedOutput.prepare(StorageUri.parse(out.toString()), false, conf));
    assertTrue(e.getMessage().startsWith("output already exists: " + out), e.getMessage());
    assertEquals("x", Files.readString(out.resolve("keep")));
  }

  @Test
  void commitMovesStagedFilesIntoPlaceAndReplacesOnlyWithOverwrite() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("old"), "old");
    StagedOutput staged = StagedOutput.prepare(StorageUri.parse(out.toString()), true, conf);
    Path staging = Path.of(staged.stagingPath().toUri());
    assertTrue(staging.getFileName().toString().startsWith(".out.sluice-staging-"));
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("part-00000"), "new");
    // Until commit, the earlier output is what readers see.
    assertTrue(Files.exists(out.resolve("old")));
    staged.commit();
    assertFalse(Files.exists(out.resolve("old")));
    assertEquals("new", Files.readString(out.resolve("part-00000")));
    assertFalse(Files.exists(staging));
    assertEquals(3, staged.committedBytes());
  }

  @Test
  void abortLeavesEarlierOutputUntouched() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("old"), "old");
    StagedOutput staged = StagedOutput.prepare(StorageUri.parse(out.toString()), true, conf);
    Path staging = Files.createDirectories(Path.of(staged.stagingPath().toUri()));
    Files.writeString(staging.resolve("part-00000"), "half");
    staged.abort();
    assertFalse(Files.exists(staging));
    assertEquals("old", Files.readString(out.resolve("old")));
  }
}
