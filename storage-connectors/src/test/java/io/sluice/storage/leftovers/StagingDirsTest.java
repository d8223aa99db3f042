package io.sluice.storage.leftovers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Staging directories of a job killed with SIGKILL are removed by the next run to the same output;
 * those of a live run are not.
 */
class StagingDirsTest {

  private static final Duration STARTUP = Duration.ofMinutes(2);

  @TempDir Path dir;

  @Test
  void ownerTokenRoundTripsWithHyphensInTheHostName() {
    Owner owner = new Owner("node-12.example-3", 4711, 1_700_000_000_123L, 1_700_000_100_456L);
    assertEquals(owner, Owner.parse(owner.token()).orElseThrow());
    String name = "." + "out" + StagingDirs.MARKER + owner.token() + "-0a1b2c3d";
    assertEquals(owner, StagingDirs.ownerOf(name).orElseThrow());
    // A staging directory of an older release (a bare UUID) names no owner.
    assertTrue(
        StagingDirs.ownerOf(".out.sluice-staging-12345678-1234-1234-1234-123456789012").isEmpty());
  }

  @Test
  void thisProcessIsAliveAndAnotherHostsFreshArtefactIsPresumedAlive() {
    Instant now = Instant.now();
    assertTrue(Owner.current().mayBeAlive(now));
    Owner elsewhere = new Owner("some-other-host", 1, 1, now.toEpochMilli());
    assertTrue(elsewhere.mayBeAlive(now));
    assertFalse(elsewhere.mayBeAlive(now.plus(Owner.OTHER_HOST_AGE)));
  }

  @Test
  void theNextRunRemovesOnlyTheKilledRunsStagingDirectory() throws Exception {
    Path output = dir.resolve("out");
    try (SluiceProcess killed = maker(output);
        SluiceProcess live = maker(output)) {
      Path killedStaging = Path.of(killed.awaitFirstLine(STARTUP));
      Path liveStaging = Path.of(live.awaitFirstLine(STARTUP));
      killed.process().destroyForcibly(); // SIGKILL: no shutdown hook, nothing cleaned up
      assertTrue(killed.process().waitFor(30, TimeUnit.SECONDS));
      // An older release's staging directory, with no owner in its name, younger than a day.
      Path unowned =
          Files.createDirectories(
              dir.resolve(".out.sluice-staging-12345678-aaaa-bbbb-cccc-123456789012"));

      FileSystem fs = FileSystem.getLocal(new Configuration());
      org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(output.toUri());
      List<Leftover> found = StagingDirs.beside(fs, target);
      assertEquals(3, found.size(), found.toString());
      assertEquals(3, PathLeftovers.find(fs, new org.apache.hadoop.fs.Path(dir.toUri())).size());

      Instant now = Instant.now();
      Leftover dead = only(found, killedStaging);
      assertNull(dead.keptBecause(now, null));
      assertEquals("owner running", only(found, liveStaging).keptBecause(now, null));
      assertNotNull(only(found, unowned).keptBecause(now, null));
      assertNotNull(dead.keptBecause(now, Duration.ofHours(1)), "younger than --older-than");

      int removed =
          StagingDirs.removeAbandoned(found, LoggerFactory.getLogger(StagingDirsTest.class));
      assertEquals(1, removed);
      assertFalse(Files.exists(killedStaging));
      assertTrue(Files.exists(liveStaging.resolve("part-00000")));
      assertTrue(Files.exists(unowned));
    }
  }

  @Test
  void aDeadOwnersOutputLockIsListedAndRemovedALiveOnesIsKept() throws Exception {
    Owner dead = DeadOwners.exited();
    Path deadLock = Files.writeString(dir.resolve(LockFiles.nameFor("a")), LockFiles.text(dead));
    Path liveLock =
        Files.writeString(dir.resolve(LockFiles.nameFor("b")), LockFiles.text(Owner.current()));
    assertEquals(dead, LockFiles.owner(Files.readString(deadLock)).orElseThrow());
    assertTrue(LockFiles.owner("run=1\n").isEmpty(), "a lock that names no owner");

    FileSystem fs = FileSystem.getLocal(new Configuration());
    List<Leftover> found = PathLeftovers.find(fs, new org.apache.hadoop.fs.Path(dir.toUri()));
    assertEquals(2, found.size(), found.toString());
    Instant now = Instant.now();
    Leftover deadOne = only(found, deadLock);
    assertEquals("output lock", deadOne.what());
    assertNull(deadOne.keptBecause(now, null));
    assertEquals("owner running", only(found, liveLock).keptBecause(now, null));
    // The output itself as the location: its lock is beside it.
    assertEquals(
        List.of(deadOne.where()),
        PathLeftovers.find(fs, new org.apache.hadoop.fs.Path(dir.resolve("a").toUri())).stream()
            .map(Leftover::where)
            .toList());

    assertEquals(1, StagingDirs.removeAbandoned(found, LoggerFactory.getLogger(getClass())));
    assertFalse(Files.exists(deadLock));
    assertTrue(Files.exists(liveLock));

    // A lock taken over after it was listed is not removed.
    Files.writeString(deadLock, LockFiles.text(dead));
    Leftover listed =
        only(PathLeftovers.find(fs, new org.apache.hadoop.fs.Path(dir.toUri())), deadLock);
    Files.writeString(deadLock, LockFiles.text(Owner.current()));
    listed.removal().remove();
    assertTrue(Files.exists(deadLock));
  }

  private static Leftover only(List<Leftover> found, Path path) {
    return found.stream()
        .filter(l -> l.where().endsWith(path.getFileName().toString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(path + " not in " + found));
  }

  private static SluiceProcess maker(Path output) throws Exception {
    return SluiceProcess.java(
            System.getProperty("java.class.path"),
            StagingDirMaker.class.getName(),
            List.of(output.toString()))
        .heap("64m")
        .jvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .start();
  }
}
