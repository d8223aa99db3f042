package io.sluice.runner.cluster;

import io.sluice.storage.ByteSize;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a local Spark standalone cluster is made of: the one typed place for its settings. Every
 * field is validated on construction, so a config that exists is one the supervisor can start.
 *
 * @param runDir where the stand-in SPARK_HOME, logs, work directories and state live
 * @param workers how many Worker JVMs (0..{@value #MAX_WORKERS})
 * @param workerCores cores each worker offers to applications
 * @param workerMemoryMb memory each worker offers to executors and drivers, in MiB
 * @param masterPort the master's RPC port (spark://127.0.0.1:PORT)
 * @param uiPort the master's web UI port (its JSON status is at /json/)
 */
public record ClusterConfig(
    Path runDir, int workers, int workerCores, int workerMemoryMb, int masterPort, int uiPort) {

  public static final String HOST = "127.0.0.1";
  public static final Path DEFAULT_RUN_DIR = Path.of(".sluice", "cluster");
  public static final int DEFAULT_MASTER_PORT = 7077;
  public static final int DEFAULT_UI_PORT = 8080;
  public static final int DEFAULT_WORKER_CORES = 1;
  public static final int DEFAULT_WORKER_MEMORY_MB = 1024;
  public static final int MAX_WORKERS = 64;

  /**
   * Heap of the master and worker daemons themselves (Spark's default is 1 GiB; they need far less
   * here).
   */
  public static final int DAEMON_HEAP_MB = 256;

  /** Spark refuses executors smaller than this (450 MiB reserved + headroom). */
  static final int MIN_WORKER_MEMORY_MB = 512;

  public ClusterConfig {
    if (runDir == null) {
      throw new ClusterInputException("--run-dir must be given");
    }
    runDir = runDir.toAbsolutePath().normalize();
    if (workers < 0 || workers > MAX_WORKERS) {
      throw new ClusterInputException("--workers must be 0.." + MAX_WORKERS + ", got " + workers);
    }
    if (workerCores < 1 || workerCores > 256) {
      throw new ClusterInputException("--worker-cores must be 1..256, got " + workerCores);
    }
    if (workerMemoryMb < MIN_WORKER_MEMORY_MB) {
      throw new ClusterInputException(
          "--worker-memory must be at least "
              + MIN_WORKER_MEMORY_MB
              + "m (an executor needs it), got "
              + workerMemoryMb
              + "m");
    }
    checkPort("--master-port", masterPort);
    checkPort("--ui-port", uiPort);
    if (masterPort == uiPort) {
      throw new ClusterInputException(
          "--master-port and --ui-port must differ, both are " + masterPort);
    }
  }

  private static void checkPort(String option, int port) {
    if (port < 1 || port > 65_535) {
      throw new ClusterInputException(option + " must be 1..65535, got " + port);
    }
  }

  public String masterUrl() {
    return "spark://" + HOST + ":" + masterPort;
  }

  public String uiUrl() {
    return "http://" + HOST + ":" + uiPort;
  }

  public ClusterConfig withWorkers(int count) {
    return new ClusterConfig(runDir, count, workerCores, workerMemoryMb, masterPort, uiPort);
  }

  /** Parses a memory size as Spark writes it: 512m, 1g, 1024 (MiB); see ByteSize. */
  public static int parseMemoryMb(String option, String text) {
    try {
      return Math.toIntExact(ByteSize.parseMiB(text));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ClusterInputException(
          option + " must be a size such as 512m or 2g, got '" + text + "'");
    }
  }

  private static final String WORKERS = "workers";
  private static final String CORES = "worker.cores";
  private static final String MEMORY = "worker.memory.mb";
  private static final String MASTER_PORT = "master.port";
  private static final String UI_PORT = "ui.port";

  void write(Path file) {
    Properties p = new Properties();
    p.setProperty(WORKERS, Integer.toString(workers));
    p.setProperty(CORES, Integer.toString(workerCores));
    p.setProperty(MEMORY, Integer.toString(workerMemoryMb));
    p.setProperty(MASTER_PORT, Integer.toString(masterPort));
    p.setProperty(UI_PORT, Integer.toString(uiPort));
    RunDirFiles.writeAtomically(
        file, out -> p.store(out, "sluice local cluster: what `cluster up` asked for"));
  }

  static ClusterConfig read(Path runDir, Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    try {
      return new ClusterConfig(
          runDir,
          Integer.parseInt(p.getProperty(WORKERS)),
          Integer.parseInt(p.getProperty(CORES)),
          Integer.parseInt(p.getProperty(MEMORY)),
          Integer.parseInt(p.getProperty(MASTER_PORT)),
          Integer.parseInt(p.getProperty(UI_PORT)));
    } catch (NumberFormatException | NullPointerException e) {
      throw new ClusterInputException(
          file + " is damaged (" + e + "); remove the run directory and start again");
    }
  }

  /** Writes a file so that readers never see half of it. */
  @FunctionalInterface
  interface WriterBody {
    void write(Writer out) throws IOException;
  }
}
