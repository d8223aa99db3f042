package io.sluice.tests.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.ConcurrentRuns;
import io.sluice.testing.SampleText;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.WordCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code sluice pipeline run} processes started together in one working directory (which holds
 * their {@code .sluice/} state): one runs, the other fails at once with one line (exit 2), or they
 * run one after the other; the output equals one clean run and no lock is left. {@code
 * -Dsluice.race.rounds=20} (the {@code races} profile) for the full run; 1 round by default (each
 * round costs two JVMs).
 */
class ConcurrentPipelineRunsIT {

  private static final int ROUNDS = Math.max(1, ConcurrentRuns.ROUNDS / 2);
  private static final List<String> LINES = SampleText.lines(200, 7);
  private static final Pattern BUSY =
      Pattern.compile(
          "another pipeline run is using \\S+ \\(pid \\d+ on host \\S+ since \\S+\\);"
              + " if no such run is active, remove \\S+");

  @TempDir Path dir;

  @Test
  void twoRunsInOneDirectory() throws Exception {
    Path input = Files.write(dir.resolve("lines.txt"), LINES);
    Path output = dir.resolve("counts");
    Path pipeline =
        Files.writeString(
            dir.resolve("race.yaml"),
            String.join(
                "\n",
                "name: race",
                "steps:",
                "  - name: count-words",
                "    kind: job",
                "    job: wordcount",
                "    engine: mapreduce",
                "    options: {input: '" + input + "', output: '" + output + "', overwrite: true}",
                ""));
    for (int round = 0; round < ROUNDS; round++) {
      List<SluiceProcess> runs = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          runs.add(SluiceProcess.cli("pipeline", "run", pipeline.toString()).workDir(dir).start());
        }
        int completed = 0;
        for (SluiceProcess run : runs) {
          completed += ConcurrentRuns.won(run.await(Duration.ofMinutes(10)), BUSY) ? 1 : 0;
        }
        assertTrue(completed >= 1, "no run completed");
      } finally {
        runs.forEach(SluiceProcess::close);
      }
      assertEquals(
          WordCounts.expected(LINES),
          Files.readString(output.resolve("part-r-00000"), StandardCharsets.UTF_8));
      assertFalse(Files.exists(dir.resolve(".sluice").resolve("pipeline-run.lock")));
      try (Stream<Path> beside = Files.list(dir)) {
        assertEquals(
            List.of(),
            beside.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList());
      }
    }
  }
}
