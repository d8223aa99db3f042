package io.sluice.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineWorkdirTest {

  @TempDir Path dir;

  @Test
  void aSecondRunInTheSameDirectoryFailsWithOneLineUntilTheFirstEnds() throws Exception {
    Path state = dir.resolve(".sluice");
    PipelineWorkdir first = PipelineWorkdir.claim(state);
    PipelineBusyException e =
        assertThrows(PipelineBusyException.class, () -> PipelineWorkdir.claim(state));
    String lock = state.resolve(PipelineWorkdir.LOCK_FILE).toString();
    assertTrue(
        e.getMessage()
            .matches(
                "another pipeline run is using \\Q"
                    + state
                    + "\\E \\(pid "
                    + ProcessHandle.current().pid()
                    + " on host \\S+ since \\S+\\); if no such run is active, remove \\Q"
                    + lock
                    + "\\E"),
        e.getMessage());
    first.close();
    // The directory was created for the lock alone: it goes with it.
    assertFalse(Files.exists(state));
    PipelineWorkdir.claim(state).close();
  }

  @Test
  void aDirectoryLeftEmptyByARunThatJustEndedGoesWithTheNextRun() throws Exception {
    // Two runs started together: the second finds the first's directory (empty once the first
    // released its lock, or holding only that lock), then runs after it; it leaves nothing behind.
    Path state = Files.createDirectories(dir.resolve(".sluice"));
    PipelineWorkdir.claim(state).close();
    assertFalse(Files.exists(state));
  }

  @Test
  void filesTheRunLeftStay() throws Exception {
    Path state = dir.resolve(".sluice");
    PipelineWorkdir run = PipelineWorkdir.claim(state);
    Files.createDirectories(state.resolve("quarantine"));
    run.close();
    try (var left = Files.list(state)) {
      assertEquals(
          java.util.List.of("quarantine"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
