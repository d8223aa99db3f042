package io.sluice.runner.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small detached JVM that owns a local cluster: it starts the master and the workers, starts
 * again any of them that dies (self-healing), follows {@code desired-workers} (scale), and on
 * SIGTERM ({@code cluster down}) stops them all before it exits.
 *
 * <p>Why a JVM of its own rather than the CLI in the foreground: {@code cluster up} returns the
 * shell, healing goes on after the terminal that started it closes, and {@code status}, {@code
 * scale} and {@code down} from any new shell talk to it through the run directory only.
 */
public final class ClusterSupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSupervisor.class);
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration MASTER_START = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration QUICK_DEATH = Duration.ofSeconds(30);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final ClusterConfig config;
  private final ClusterLayout layout;
  private final SparkDaemons daemons;
  private final MasterStatusClient statusClient;
  private final Map<Integer, Process> workers = new TreeMap<>();
  private final Map<Integer, Long> startedAt = new TreeMap<>();
  private final Map<Integer, Integer> quickDeaths = new TreeMap<>();
  private final Map<Integer, Long> notBefore = new TreeMap<>();
  private Process master;
  private int restarts;
  private String message = "";
  private String phase = ClusterState.STARTING;
  private volatile boolean stopping;
  private boolean stopped;

  ClusterSupervisor(ClusterConfig config, ClusterLayout layout, SparkRuntime runtime) {
    this.config = config;
    this.layout = layout;
    this.daemons = new SparkDaemons(config, layout, runtime);
    this.statusClient = new MasterStatusClient(config.uiUrl());
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: ClusterSupervisor RUN_DIR (started by `sluice cluster up`)");
      System.exit(2);
    }
    ClusterLayout layout = new ClusterLayout(Path.of(args[0]));
    ClusterConfig config = ClusterConfig.read(layout.runDir(), layout.configFile());
    SparkRuntime runtime =
        new SparkRuntime(
            List.of(),
            SparkRuntime.currentJvmFlags(),
            Path.of(System.getProperty("java.home"), "bin", "java"));
    ClusterSupervisor supervisor = new ClusterSupervisor(config, layout, runtime);
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  supervisor.stopping = true;
                  main.interrupt();
                  supervisor.stopAll();
                },
                "sluice-cluster-stop"));
    try {
      supervisor.run();
    } catch (RuntimeException e) {
      LOG.error("supervisor failed: {}", e.toString());
      supervisor.fail(e.getMessage());
      System.exit(1);
    }
  }

  private void run() {
    LOG.info(
        "supervisor pid {} starting {} with {} workers x {} cores x {} MiB",
        ProcessHandle.current().pid(),
        config.masterUrl(),
        config.workers(),
        config.workerCores(),
        config.workerMemoryMb());
    master = startMaster();
    long deadline = System.nanoTime() + MASTER_START.toNanos();
    while (!statusClient.answers()) {
      if (!master.isAlive()) {
        throw new ClusterFailedException(
            "the master exited with code "
                + master.exitValue()
                + " while starting; see "
                + layout.masterLog());
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterFailedException(
            "the master did not answer at "
                + config.uiUrl()
                + " within "
                + MASTER_START.toSeconds()
                + "s; see "
                + layout.masterLog());
      }
      sleep();
    }
    LOG.info("master up at {} (ui {})", config.masterUrl(), config.uiUrl());
    phase = ClusterState.RUNNING;
    while (!stopping) {
      reconcile();
      sleep();
    }
  }

  /** One tick: the master and exactly the desired workers are alive, or started now. */
  private synchronized void reconcile() {
    if (stopping) {
      return;
    }
    if (!master.isAlive()) {
      restarts++;
      message = "master exited with code " + master.exitValue() + "; started again";
      LOG.warn(message);
      master = startMaster();
    }
    int desired = desiredWorkers();
    for (int slot = 1; slot <= desired; slot++) {
      Process worker = workers.get(slot);
      if (worker == null) {
        workers.put(slot, startWorker(slot));
        LOG.info("worker-{} started (pid {})", slot, workers.get(slot).pid());
      } else if (!worker.isAlive() && System.nanoTime() >= notBefore.getOrDefault(slot, 0L)) {
        restarts++;
        message =
            "worker-"
                + slot
                + " (pid "
                + worker.pid()
                + ") exited with code "
                + worker.exitValue()
                + "; started again";
        LOG.warn(message);
        // A worker that keeps dying right after its start (a bad setting, a full disk) is started
        // again
        // less and less often, up to once a minute, instead of every tick.
        long lived = System.nanoTime() - startedAt.getOrDefault(slot, 0L);
        int quick = lived < QUICK_DEATH.toNanos() ? quickDeaths.merge(slot, 1, Integer::sum) : 0;
        quickDeaths.put(slot, quick);
        long delay =
            quick == 0 ? 0 : Math.min(MAX_BACKOFF.toNanos(), TICK.toNanos() << Math.min(quick, 6));
        notBefore.put(slot, System.nanoTime() + delay);
        workers.put(slot, startWorker(slot));
      }
    }
    for (int slot : workers.keySet().stream().filter(s -> s > desired).toList()) {
      LOG.info("worker-{} stopped (scale to {})", slot, desired);
      stop(workers.remove(slot));
    }
    writeState();
  }

  private int desiredWorkers() {
    try {
      String text = Files.readString(layout.desiredWorkersFile(), StandardCharsets.UTF_8).trim();
      int n = Integer.parseInt(text);
      return Math.max(0, Math.min(n, ClusterConfig.MAX_WORKERS));
    } catch (NoSuchFileException e) {
      return config.workers();
    } catch (IOException | NumberFormatException e) {
      LOG.warn("ignoring unreadable {}: {}", layout.desiredWorkersFile(), e.toString());
      return workers.size();
    }
  }

  private Process startMaster() {
    try {
      Process p = daemons.startMaster();
      LOG.info("master started (pid {})", p.pid());
      return p;
    } catch (IOException e) {
      throw new ClusterFailedException("cannot start the master: " + e.getMessage(), e);
    }
  }

  private Process startWorker(int slot) {
    try {
      startedAt.put(slot, System.nanoTime());
      return daemons.startWorker(slot);
    } catch (IOException e) {
      throw new ClusterFailedException("cannot start worker-" + slot + ": " + e.getMessage(), e);
    }
  }

  private void writeState() {
    Map<Integer, Long> pids = new TreeMap<>();
    workers.forEach((slot, p) -> pids.put(slot, p.pid()));
    new ClusterState(
            phase,
            ProcessHandle.current().pid(),
            master == null ? 0 : master.pid(),
            new TreeMap<>(pids),
            restarts,
            message)
        .write(layout.stateFile());
  }

  private void fail(String why) {
    phase = ClusterState.FAILED;
    message = why;
    stopAll();
  }

  /** Workers first (each kills its executors and drivers on SIGTERM), then the master. */
  private synchronized void stopAll() {
    if (stopped) {
      return;
    }
    stopped = true;
    String endPhase =
        ClusterState.FAILED.equals(phase) ? ClusterState.FAILED : ClusterState.STOPPING;
    phase = ClusterState.STOPPING;
    writeStateQuietly();
    // Executors and drivers are the workers' children; a worker kills them on SIGTERM, and any
    // that outlive it are killed here.
    List<ProcessHandle> children = workers.values().stream().flatMap(Process::descendants).toList();
    for (Process worker : workers.values()) {
      worker.toHandle().destroy();
    }
    for (Process worker : workers.values()) {
      awaitOrKill(worker);
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    workers.clear();
    if (master != null) {
      stop(master);
      master = null;
    }
    phase = endPhase;
    writeStateQuietly();
    LOG.info("supervisor stopped the cluster ({} restarts while it ran)", restarts);
  }

  private void writeStateQuietly() {
    try {
      writeState();
    } catch (RuntimeException e) {
      LOG.warn("cannot record state: {}", e.toString());
    }
  }

  private static void stop(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.toHandle().destroy();
    awaitOrKill(p);
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static void awaitOrKill(Process p) {
    try {
      if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private void sleep() {
    try {
      Thread.sleep(TICK.toMillis());
    } catch (InterruptedException e) {
      stopping = true;
    }
  }
}
