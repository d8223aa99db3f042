package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.StorageUri;
import io.sluice.storage.leftovers.DeadOwners;
import io.sluice.storage.leftovers.LockFiles;
import io.sluice.storage.leftovers.Owner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
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

  @Test
  void aSecondRunToTheSameOutputFailsWithOneLineNamingTheFirst() throws Exception {
    StorageUri out = StorageUri.parse(dir.resolve("out").toString());
    StagedOutput first = StagedOutput.prepare(out, true, conf);
    OutputBusyException e =
        assertThrows(OutputBusyException.class, () -> StagedOutput.prepare(out, true, conf));
    assertTrue(
        e.getMessage()
            .startsWith(
                "output "
                    + out.original()
                    + " is being written by another run (pid "
                    + ProcessHandle.current().pid()
                    + " on host "),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    first.abort();
    // Released: the next run goes ahead.
    StagedOutput.prepare(out, true, conf).abort();
    assertEquals(List.of(), hiddenEntries());
  }

  @Test
  void theLockOfARunThatIsNoLongerRunningIsTakenOver() throws Exception {
    StorageUri out = StorageUri.parse(dir.resolve("out").toString());
    Owner dead = DeadOwners.exited();
    Files.writeString(Path.of(StagedOutput.lockPath(out).toUri()), LockFiles.text(dead));
    StagedOutput staged = StagedOutput.prepare(out, false, conf);
    Files.createDirectories(Path.of(staged.stagingPath().toUri()));
    staged.commit();
    assertTrue(Files.isDirectory(dir.resolve("out")));
    assertEquals(List.of(), hiddenEntries());
  }

  /**
   * Runs started together, with and without overwrite: exactly one commits per round when none
   * overwrites; the others fail as busy or as existing output; the output is one run's, never two
   * runs' files together; no lock or staging directory remains.
   */
  @Test
  void runsStartedTogetherNeverMixTheirOutputs() throws Exception {
    int rounds = Integer.getInteger("sluice.race.rounds", 3);
    int runners = 4;
    ExecutorService pool = Executors.newFixedThreadPool(runners);
    try {
      for (int round = 0; round < rounds; round++) {
        for (boolean overwrite : new boolean[] {false, true}) {
          Path out = dir.resolve("race-" + round + "-" + overwrite);
          StorageUri target = StorageUri.parse(out.toString());
          CyclicBarrier start = new CyclicBarrier(runners);
          List<Future<String>> results = new ArrayList<>();
          for (int r = 0; r < runners; r++) {
            String name = "run-" + r;
            results.add(
                pool.submit(
                    () -> {
                      start.await();
                      StagedOutput staged;
                      try {
                        staged = StagedOutput.prepare(target, overwrite, conf);
                      } catch (OutputBusyException | OutputExistsException e) {
                        return "lost";
                      }
                      Path staging = Files.createDirectories(Path.of(staged.stagingPath().toUri()));
                      Files.writeString(staging.resolve(name), name);
                      try {
                        staged.commit();
                      } catch (OutputExistsException e) {
                        staged.abort();
                        return "lost";
                      }
                      return "won";
                    }));
          }
          int won = 0;
          for (Future<String> f : results) {
            won += f.get().equals("won") ? 1 : 0;
          }
          assertTrue(won >= 1, "no run committed " + out);
          if (!overwrite) {
            assertEquals(1, won, "runs without overwrite that committed " + out);
          }
          try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.size(), "output " + out + " holds " + names);
            assertEquals(names.get(0), Files.readString(out.resolve(names.get(0))));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), hiddenEntries());
  }

  /** Locks and staging directories left in the test's directory. */
  private List<String> hiddenEntries() throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("."))
          .sorted()
          .toList();
    }
  }
}
