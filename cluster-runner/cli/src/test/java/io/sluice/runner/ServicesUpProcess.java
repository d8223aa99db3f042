package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code sluice services up ...} in its own JVM ({@link CliChild}), as a user runs it. */
public final class ServicesUpProcess implements AutoCloseable {

  private static final long READY_SECONDS = 120;

  // Output in files (SluiceProcess): Process.destroy() closes pipes, and the "stopped" line comes
  // after it.
  private final SluiceProcess child;

  private ServicesUpProcess(SluiceProcess child) {
    this.child = child;
  }

  /**
   * Starts {@code sluice services up ARGS} with its output in files under {@code dir} and waits
   * until it prints a line starting with {@code readyLine}.
   */
  public static ServicesUpProcess start(Path dir, String readyLine, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("services", "up"));
    command.addAll(List.of(args));
    ServicesUpProcess service =
        new ServicesUpProcess(
            CliChild.sluice(command.toArray(String[]::new)).outputDir(dir).start());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (service.stdout().lines().noneMatch(l -> l.startsWith(readyLine))) {
      if (!service.process().isAlive() || System.nanoTime() > deadline) {
        service.close();
        throw new AssertionError(
            "services up did not print '"
                + readyLine
                + "' within "
                + READY_SECONDS
                + " s\n"
                + service.describe());
      }
      Thread.sleep(50);
    }
    return service;
  }

  public Process process() {
    return child.process();
  }

  /** The {@code export NAME=value} lines it printed, as a map. */
  public Map<String, String> exports() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : stdout().lines().toList()) {
      if (line.startsWith("export ")) {
        int eq = line.indexOf('=');
        env.put(line.substring("export ".length(), eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  public String stdout() {
    return child.stdout();
  }

  /** SIGTERM, as Ctrl-C or a service manager would send; waits for the hook and the output. */
  public int terminate() throws InterruptedException {
    process().destroy();
    assertTrue(
        process().waitFor(30, TimeUnit.SECONDS), "no exit 30 s after SIGTERM\n" + describe());
    return process().exitValue();
  }

  public String describe() {
    return child.describe();
  }

  /** Never leaves the child (or a server it started) running, whatever the test did. */
  @Override
  public void close() {
    child.close();
    assertFalse(process().isAlive(), "child JVM still running");
  }
}
