package io.sluice.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice services up ...} in its own JVM, as a user runs it. Launches java directly rather
 * than bin/sluice: during {@code mvn test} the launcher's runtime-classpath.txt (written at package
 * time) may be missing or stale, and bin/sluice would then start a nested build. The JVM flags are
 * bin/sluice's own argument file.
 */
public final class ServicesUpProcess implements AutoCloseable {

  private static final long READY_SECONDS = 120;

  private final Process process;
  // Files, not pipes: Process.destroy() closes the pipes, and the "stopped" line comes after it.
  private final Path stdout;
  private final Path stderr;

  private ServicesUpProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code sluice services up ARGS} with its output in files under {@code dir} and waits
   * until it prints a line starting with {@code readyLine}.
   */
  public static ServicesUpProcess start(Path dir, String readyLine, String... args) throws IOException, InterruptedException {
    Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path jvmOpts = basedir.resolve("target/sluice.jvmopts");
    assertTrue(Files.isRegularFile(jvmOpts), "missing " + jvmOpts + " (written by process-resources)");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "@" + jvmOpts,
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        SluiceCli.class.getName(), "services", "up"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "services-up", ".out");
    Path err = Files.createTempFile(dir, "services-up", ".err");
    Process process = new ProcessBuilder(command).directory(basedir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    ServicesUpProcess service = new ServicesUpProcess(process, out, err);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (service.stdout().lines().noneMatch(l -> l.startsWith(readyLine))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        service.close();
        throw new AssertionError("services up did not print '" + readyLine + "' within " + READY_SECONDS + " s\n"
            + service.describe());
      }
      Thread.sleep(50);
    }
    return service;
  }

  public Process process() {
    return process;
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
    return read(stdout);
  }

  /** SIGTERM, as Ctrl-C or a service manager would send; waits for the hook and the output. */
  public int terminate() throws InterruptedException {
    process.destroy();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "no exit 30 s after SIGTERM\n" + describe());
    return process.exitValue();
  }

  public String describe() {
    return "stdout:\n" + stdout() + "\nstderr:\n" + read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<cannot read " + file + ": " + e.getMessage() + ">";
    }
  }

  /** Never leaves the child (or a server it started) running, whatever the test did. */
  @Override
  public void close() {
    if (process.isAlive()) {
      List<ProcessHandle> children = process.descendants().toList();
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    assertFalse(process.isAlive(), "child JVM still running");
  }
}
