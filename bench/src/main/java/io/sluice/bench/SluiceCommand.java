package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/sluice run JOB --engine spark ...} in a fresh JVM, as a user starts it: the time it
 * takes includes the JVM, the CLI and the Spark session. Which {@code bin/sluice} is the system
 * property {@code bench.sluice} (default {@code bin/sluice} under the working directory), so one
 * benchmark can time another build's CLI against its own floor.
 */
final class SluiceCommand {

  private SluiceCommand() {}

  static Path executable() {
    return executable(System.getProperty("bench.sluice", "bin/sluice"));
  }

  /** {@code path} as an executable {@code bin/sluice}, made absolute. */
  static Path executable(String path) {
    Path cli = Path.of(path).toAbsolutePath();
    if (!Files.isExecutable(cli)) {
      throw new IllegalStateException(
          "no " + cli + ": run from the repository's root or set -Dbench.sluice=PATH/bin/sluice");
    }
    return cli;
  }

  /** Runs the job on Spark with {@code options}; its output goes to {@code log}. */
  static void runSpark(String job, Path log, String... options)
      throws IOException, InterruptedException {
    runSpark(executable(), job, log, options);
  }

  /** The same with another build's {@code bin/sluice}. */
  static void runSpark(Path cli, String job, Path log, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(cli.toString(), "run", job));
    command.addAll(List.of("--engine", "spark"));
    command.addAll(List.of(options));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + exit + ", see " + log);
    }
  }
}
