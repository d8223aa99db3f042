package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.Engine;
import io.sluice.jobs.OutputBusyException;
import io.sluice.jobs.OutputExistsException;
import io.sluice.testing.ConcurrentRuns;
import io.sluice.testing.RunArgs;
import io.sluice.testing.S3Bucket;
import io.sluice.testing.Sluice;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.SluiceTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code sluice run}s to the same output started together, many times: one wins, or (with
 * {@code --overwrite}) they serialize; the loser fails with one line; the output equals a single
 * clean run's bytes; no lock or staging directory remains. In-process threads (the same library
 * calls as the CLI) on file:// and s3://, and two CLI processes on file://. {@code
 * -Dsluice.race.rounds=20} (the {@code races} profile) for the full run; 2 rounds by default.
 */
@SluiceTest
class ConcurrentRunsIT {

  private static final int ROUNDS = ConcurrentRuns.ROUNDS;
  private static final List<String> LINES = WordCountReference.sampleLines(200);
  private static final byte[] EXPECTED =
      WordCountReference.expectedOutput(LINES).getBytes(StandardCharsets.UTF_8);

  /** The loser's one line: busy, or (when the winner had finished) the output exists. */
  private static final Pattern LOSER =
      Pattern.compile(
          "output \\S+ (is being written by another run \\(pid \\d+ on host \\S+ since \\S+\\);"
              + " if no such run is active, remove \\S+"
              + "|already exists: \\S+ \\(pass --overwrite to replace it; it was left untouched\\))");

  private static Sluice sluice;

  @TempDir static java.nio.file.Path dir;

  @BeforeAll
  static void start(Sluice runner) {
    sluice = runner;
  }

  @Test
  void runsToOneLocalOutput() throws Exception {
    java.nio.file.Path input = dir.resolve("lines.txt");
    Files.write(input, LINES);
    race(input.toString(), dir.resolve("local").toString(), new Configuration());
  }

  @Test
  void runsToOneS3Output(S3Bucket bucket) throws Exception {
    Path input = new Path(bucket.s3aUri("in/lines.txt"));
    WordCountReference.write(input.getFileSystem(bucket.conf()), input, LINES);
    race(bucket.uri("in"), bucket.uri("out"), bucket.conf());
  }

  /**
   * Two CLI processes started together, without --overwrite (and with it in the full run: each
   * process costs seconds of CPU).
   */
  @Test
  void twoProcessesToOneLocalOutput() throws Exception {
    java.nio.file.Path input = dir.resolve("cli-lines.txt");
    Files.write(input, LINES);
    boolean[] modes =
        ROUNDS >= ConcurrentRuns.FULL_ROUNDS ? new boolean[] {false, true} : new boolean[] {false};
    for (boolean overwrite : modes) {
      java.nio.file.Path out = dir.resolve("cli-out-" + overwrite);
      List<SluiceProcess> processes = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          String[] args =
              overwrite
                  ? RunArgs.of("wordcount", "mapreduce", input, out, "--overwrite")
                  : RunArgs.of("wordcount", "mapreduce", input, out);
          processes.add(SluiceProcess.cli(args).start());
        }
        int won = 0;
        for (SluiceProcess p : processes) {
          won += ConcurrentRuns.won(p.await(Duration.ofMinutes(10)), LOSER) ? 1 : 0;
        }
        assertTrue(won >= 1, "no process committed " + out);
        FileSystem fs = FileSystem.getLocal(new Configuration());
        assertOneCleanRun(fs, new Path(out.toUri()));
      } finally {
        processes.forEach(SluiceProcess::close);
      }
    }
  }

  /** ROUNDS rounds of two runs started together, without and then with overwrite. */
  private void race(String input, String output, Configuration conf) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        for (boolean overwrite : new boolean[] {false, true}) {
          String out = output + "-" + round + "-" + overwrite;
          Map<String, String> params = new HashMap<>(Map.of("input", input, "output", out));
          if (overwrite) {
            params.put("overwrite", "true");
          }
          CyclicBarrier together = new CyclicBarrier(2);
          List<Future<String>> runs = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            runs.add(
                pool.submit(
                    () -> {
                      together.await();
                      try {
                        sluice.run("wordcount", Engine.SPARK, params);
                        return "";
                      } catch (OutputBusyException | OutputExistsException e) {
                        return e.getMessage();
                      }
                    }));
          }
          int won = 0;
          for (Future<String> run : runs) {
            String failure = run.get();
            if (failure.isEmpty()) {
              won++;
            } else {
              assertTrue(LOSER.matcher(failure).matches(), failure);
            }
          }
          assertTrue(won >= 1, "no run committed " + out);
          Path outPath = new Path(out.replaceFirst("^s3:", "s3a:"));
          assertOneCleanRun(outPath.getFileSystem(conf), outPath);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The output is one run's word counts, and nothing hidden is left beside it. */
  private static void assertOneCleanRun(FileSystem fs, Path out) throws Exception {
    assertArrayEquals(EXPECTED, WordCountReference.partFiles(fs, out), "output of " + out);
    List<String> leftovers = new ArrayList<>();
    for (FileStatus s : fs.listStatus(out.getParent())) {
      if (s.getPath().getName().startsWith(".")) {
        leftovers.add(s.getPath().getName());
      }
    }
    assertEquals(List.of(), leftovers, "beside " + out);
  }
}
