package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A local Spark standalone cluster as a user drives it, every command a CLI JVM of its own (as from
 * a new shell): {@code sluice cluster up} on free loopback ports with a run directory, commands
 * against it, and {@code sluice cluster down}, which {@link #close()} runs unless a test already
 * took the cluster down.
 */
public final class StandaloneCluster implements AutoCloseable {

  /** How long one CLI command may take, {@code cluster up} included. */
  public static final long CLI_TIMEOUT_SECONDS = 600;

  private final Path runDir;
  private final Path workDir;
  private final int masterPort;
  private final int uiPort;
  private boolean down;

  private StandaloneCluster(Path runDir, Path workDir, int masterPort, int uiPort) {
    this.runDir = runDir;
    this.workDir = workDir;
    this.masterPort = masterPort;
    this.uiPort = uiPort;
  }

  /**
   * {@code sluice cluster up --master-port P --ui-port U --run-dir RUN_DIR --timeout 300 OPTIONS}
   * in {@code workDir}; asserts that it exits 0 and names the master.
   */
  public static StandaloneCluster up(Path runDir, Path workDir, String... options)
      throws IOException, InterruptedException {
    StandaloneCluster cluster = new StandaloneCluster(runDir, workDir, freePort(), freePort());
    List<String> args =
        new ArrayList<>(
            List.of(
                "cluster",
                "up",
                "--master-port",
                "" + cluster.masterPort,
                "--ui-port",
                "" + cluster.uiPort,
                "--run-dir",
                runDir.toString(),
                "--timeout",
                "300"));
    args.addAll(List.of(options));
    SluiceProcess.Result up = cluster.cli(args.toArray(String[]::new));
    assertEquals(0, up.exitCode(), up.all());
    assertTrue(up.stdout().contains("cluster up: master " + cluster.masterUrl()), up.stdout());
    return cluster;
  }

  /** A free TCP port on 127.0.0.1, for a daemon to bind next. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /**
   * {@code sluice ARGS} in the cluster's working directory, bounded by {@link
   * #CLI_TIMEOUT_SECONDS}.
   */
  public SluiceProcess.Result cli(String... args) throws IOException, InterruptedException {
    return SluiceProcess.cli(args).workDir(workDir).timeoutSeconds(CLI_TIMEOUT_SECONDS).run();
  }

  /** {@code sluice cluster status --run-dir RUN_DIR}, whatever its exit code. */
  public SluiceProcess.Result status() throws IOException, InterruptedException {
    return cli("cluster", "status", "--run-dir", runDir.toString());
  }

  /**
   * {@code sluice cluster down --run-dir RUN_DIR}, whatever its exit code; {@link #close()} does
   * not run it again.
   */
  public SluiceProcess.Result down() throws IOException, InterruptedException {
    down = true;
    return cli("cluster", "down", "--run-dir", runDir.toString());
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  public int masterPort() {
    return masterPort;
  }

  /** The master's web UI port (its {@code /json/} endpoint lists workers and apps). */
  public int uiPort() {
    return uiPort;
  }

  public Path runDir() {
    return runDir;
  }

  public Path workDir() {
    return workDir;
  }

  /** Takes the cluster down unless a test did, and asserts that it went down cleanly. */
  @Override
  public void close() {
    if (down) {
      return;
    }
    try {
      SluiceProcess.Result result = down();
      assertEquals(0, result.exitCode(), result.all());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while taking the cluster down", e);
    }
  }
}
