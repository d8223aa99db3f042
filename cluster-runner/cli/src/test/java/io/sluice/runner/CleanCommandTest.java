package io.sluice.runner;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.storage.leftovers.DeadOwners;
import io.sluice.storage.leftovers.Owner;
import io.sluice.storage.leftovers.StagingDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice clean} on local folders, in-process: what it prints, what {@code --dry-run} and
 * {@code --older-than} change, and {@code --json}. (Every storage, with killed child JVMs: {@code
 * CleanIT} in tests/engines.)
 */
class CleanCommandTest {

  @TempDir Path dir;

  /** A staging directory of {@code output} named after a process that was killed. */
  private Path deadOwnersStaging(String output) throws Exception {
    Owner dead = DeadOwners.killed();
    Path staging = dir.resolve("." + output + StagingDirs.MARKER + dead.token() + "-0a1b2c3d");
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("part-00000"), "half");
    return staging;
  }

  @Test
  void removesTheDeadOwnersStagingDirectoryAndKeepsALiveOnes() throws Exception {
    Path dead = deadOwnersStaging("sales");
    Path live = Files.createDirectories(dir.resolve(StagingDirs.newName("sales")));
    String target = dir.resolve("sales").toString();

    CliOutcome dry = sluice("clean", target, "--dry-run");
    assertEquals(0, dry.code, dry.toString());
    assertTrue(dry.out.contains("would remove staging directory "), dry.out);
    assertTrue(dry.out.contains("(owner running)"), dry.out);
    assertTrue(dry.out.contains("clean: would remove 1 of 2 leftover(s) (4 B) in "), dry.out);
    assertTrue(Files.exists(dead), "a dry run removes nothing");

    CliOutcome young = sluice("--json", "clean", target, "--older-than", "1h");
    JsonNode json = new ObjectMapper().readTree(young.out);
    assertEquals(0, json.get("removed").asInt(), young.out);
    assertEquals(2, json.get("kept").asInt(), young.out);
    assertTrue(Files.exists(dead), "younger than --older-than");

    CliOutcome done = sluice("clean", dir.toString());
    assertEquals(0, done.code, done.toString());
    String[] lines = done.out.split("\n");
    assertEquals(3, lines.length, done.out);
    assertTrue(
        done.out.contains("\nremoved      staging directory file:")
            || lines[0].startsWith("removed      staging directory file:"),
        done.out);
    assertTrue(done.out.contains(" owner " + Owner.current().host() + " pid "), done.out);
    assertTrue(lines[2].startsWith("clean: removed 1 of 2 leftover(s) (4 B) in "), done.out);
    assertFalse(Files.exists(dead));
    assertTrue(Files.exists(live));
  }

  @Test
  void aTargetThatIsNoLocationIsOneLineWithExitTwo() {
    CliOutcome o = sluice("clean", "ftp://host/x");
    assertEquals(2, o.code, o.toString());
    assertEquals(1, o.err.strip().split("\n").length, o.err);
  }
}
