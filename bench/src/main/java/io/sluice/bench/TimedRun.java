package io.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command run in a child process, timed: wall seconds and the CPU seconds (user + system) of
 * its whole process tree. The CPU comes from bash's {@code times} (the rusage of the children bash
 * waited for, which includes their own reaped children), so the benchmarks need nothing beyond
 * bash, and CPU figures hold on a loaded machine, where waiting for a core inflates wall times
 * only.
 *
 * @param wallSeconds from start to exit, as the benchmark's JVM saw it
 * @param cpuSeconds user + system seconds of the command and its descendants
 * @param exitCode the command's exit code
 */
record TimedRun(double wallSeconds, double cpuSeconds, int exitCode) {

  /** bash's {@code times}: the shell's own line, then its children's user and system times. */
  private static final Pattern TIMES =
      Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\s*\\z");

  /** Runs bash's {@code "$@"}: the arguments are never parsed by a shell. */
  private static final String RUN_ARGUMENTS = "\"$@\" >\"$TIMED_RUN_LOG\" 2>&1";

  /**
   * Runs {@code command} with extra {@code environment}, its stdout and stderr into {@code log}.
   */
  static TimedRun of(
      List<String> command, Map<String, String> environment, Path log, Duration timeout)
      throws IOException, InterruptedException {
    return start(RUN_ARGUMENTS, command, environment, log, timeout);
  }

  /**
   * Runs a bash {@code script} (environment assignments, pipes), its stdout and stderr into {@code
   * log}.
   */
  static TimedRun ofScript(String script, Path log, Duration timeout)
      throws IOException, InterruptedException {
    return start("{ " + script + "\n} >\"$TIMED_RUN_LOG\" 2>&1", List.of(), Map.of(), log, timeout);
  }

  boolean succeeded() {
    return exitCode == 0;
  }

  private static TimedRun start(
      String script,
      List<String> arguments,
      Map<String, String> environment,
      Path log,
      Duration timeout)
      throws IOException, InterruptedException {
    List<String> bash = new ArrayList<>(List.of("bash", "-c", script + "; rc=$?; times; exit $rc"));
    bash.add("bash");
    bash.addAll(arguments);
    Path parent = log.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // bash's own output is only its `times`; a file, so a hung command cannot block a reader.
    Path timesFile = Path.of(log.toAbsolutePath() + ".times");
    ProcessBuilder builder =
        new ProcessBuilder(bash).redirectErrorStream(true).redirectOutput(timesFile.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("TIMED_RUN_LOG", log.toAbsolutePath().toString());
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException(
          "did not finish in " + timeout.toMinutes() + " minutes: " + describe(script, arguments));
    }
    double wall = (System.nanoTime() - start) / 1e9;
    String times = Files.readString(timesFile, StandardCharsets.UTF_8);
    Files.delete(timesFile);
    Matcher m = TIMES.matcher(times);
    if (!m.find()) {
      throw new IllegalStateException("no children's times from bash: " + times);
    }
    double cpu =
        Integer.parseInt(m.group(1)) * 60
            + Double.parseDouble(m.group(2))
            + Integer.parseInt(m.group(3)) * 60
            + Double.parseDouble(m.group(4));
    return new TimedRun(wall, cpu, process.exitValue());
  }

  private static String describe(String script, List<String> arguments) {
    return arguments.isEmpty() ? script : String.join(" ", arguments);
  }
}
