package io.sluice.runner.cluster;

import com.sun.management.OperatingSystemMXBean;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Spark standalone cluster, seen from the command line: {@link #up} starts its supervisor
 * and waits until the workers have registered, {@link #status}, {@link #scale} and {@link #down}
 * find it again through the run directory, from any shell.
 */
public final class LocalCluster {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  /** How long the supervisor has to stop everything after SIGTERM before it is killed too. */
  private static final Duration DOWN_GRACE = Duration.ofSeconds(40);

  private static final int SUPERVISOR_HEAP_MB = 96;

  private final ClusterLayout layout;

  public LocalCluster(Path runDir) {
    this.layout = new ClusterLayout(runDir);
  }

  public ClusterLayout layout() {
    return layout;
  }

  /** What {@code up} reports: where the cluster is and how long it took. */
  public record UpResult(
      ClusterConfig config, long supervisorPid, MasterStatus status, Duration took) {}

  /** What {@code down} reports: which processes it stopped and whether any had to be killed. */
  public record DownResult(List<Long> stopped, int killed, Duration took) {}

  /** Starts the cluster and waits (up to {@code timeout}) until all its workers are registered. */
  public UpResult up(ClusterConfig config, SparkRuntime runtime, Duration timeout) {
    long start = System.nanoTime();
    Optional<ClusterState> existing = ClusterState.read(layout.stateFile());
    if (existing.isPresent() && existing.get().supervisorAlive()) {
      throw new ClusterInputException(
          "a cluster is already running from "
              + layout.runDir()
              + " (supervisor pid "
              + existing.get().supervisorPid()
              + "); `sluice cluster down` first or give another --run-dir");
    }
    sweepStrays();
    checkPortFree("--master-port", config.masterPort());
    checkPortFree("--ui-port", config.uiPort());
    checkMemory(config);

    layout.prepare(runtime);
    layout.deleteStateFiles();
    config.write(layout.configFile());
    Process supervisor = startSupervisor(runtime);
    LOG.info(
        "cluster starting: supervisor pid {}, master {}, {} workers; logs in {}",
        supervisor.pid(),
        config.masterUrl(),
        config.workers(),
        layout.logsDir());
    MasterStatus status;
    try {
      status = awaitWorkers(config, config.workers(), supervisor.toHandle(), timeout);
    } catch (RuntimeException e) {
      // Nothing half-started stays behind: a failed `up` cleans up like `down`.
      stopEverything(Optional.of(supervisor.toHandle()));
      layout.deleteStateFiles();
      throw e;
    }
    return new UpResult(
        config, supervisor.pid(), status, Duration.ofNanos(System.nanoTime() - start));
  }

  /** The recorded config, the supervisor's state and the master's own view. */
  public record Status(
      ClusterConfig config,
      ClusterState state,
      Optional<MasterStatus> master,
      String masterError) {}

  public Status status() {
    ClusterConfig config = requireConfig();
    ClusterState state =
        ClusterState.read(layout.stateFile())
            .orElseThrow(() -> new NoClusterRunningException(layout.runDir()));
    if (!state.supervisorAlive()) {
      throw new ClusterInputException(
          "the cluster in "
              + layout.runDir()
              + " is not running (its supervisor pid "
              + state.supervisorPid()
              + " is gone"
              + (state.message().isEmpty() ? "" : ": " + state.message())
              + "); `sluice cluster down` cleans up, `sluice cluster up` starts again");
    }
    try {
      return new Status(
          config, state, Optional.of(new MasterStatusClient(config.uiUrl()).fetch()), "");
    } catch (MasterUnreachableException e) {
      return new Status(config, state, Optional.empty(), e.getMessage());
    }
  }

  /**
   * Asks the supervisor for {@code workers} workers and waits until the master sees exactly that
   * many.
   */
  public MasterStatus scale(int workers, Duration timeout) {
    ClusterConfig config = requireConfig();
    ClusterState state =
        ClusterState.read(layout.stateFile())
            .filter(ClusterState::supervisorAlive)
            .orElseThrow(() -> new NoClusterRunningException(layout.runDir()));
    ClusterConfig wanted = config.withWorkers(workers);
    if (workers > config.workers()) {
      checkMemory(wanted);
    }
    RunDirFiles.writeString(layout.desiredWorkersFile(), workers + "\n");
    // cluster.conf follows, so a later `status` shows what is wanted now.
    wanted.write(layout.configFile());
    return awaitWorkers(
        wanted, workers, ProcessHandle.of(state.supervisorPid()).orElseThrow(), timeout);
  }

  /**
   * Stops the supervisor (which stops workers, then the master), then makes sure: every recorded
   * pid and every process whose command line names this cluster's jars is gone.
   */
  public DownResult down() {
    long start = System.nanoTime();
    Optional<ClusterState> state = ClusterState.read(layout.stateFile());
    if (state.isEmpty() && !layout.exists()) {
      List<ProcessHandle> strays = strayProcesses();
      if (strays.isEmpty()) {
        throw new NoClusterRunningException(layout.runDir());
      }
    }
    Optional<ProcessHandle> supervisor = state.flatMap(s -> ProcessHandle.of(s.supervisorPid()));
    DownResult result = stopEverything(supervisor);
    layout.deleteStateFiles();
    return new DownResult(
        result.stopped(), result.killed(), Duration.ofNanos(System.nanoTime() - start));
  }

  private DownResult stopEverything(Optional<ProcessHandle> supervisor) {
    Set<Long> seen = new LinkedHashSet<>();
    ClusterState.read(layout.stateFile())
        .ifPresent(
            s -> {
              seen.add(s.masterPid());
              seen.addAll(s.workerPids().values());
            });
    int killed = 0;
    if (supervisor.isPresent() && supervisor.get().isAlive()) {
      ProcessHandle sup = supervisor.get();
      seen.add(sup.pid());
      sup.descendants().forEach(p -> seen.add(p.pid()));
      sup.destroy();
      try {
        sup.onExit().get(DOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn(
            "supervisor pid {} did not stop within {}s; killing it",
            sup.pid(),
            DOWN_GRACE.toSeconds());
        sup.destroyForcibly();
        killed++;
      }
    }
    // Whatever outlived the supervisor (it was killed, or a daemon ignored SIGTERM): by pid, then
    // by marker.
    List<ProcessHandle> leftovers = new ArrayList<>();
    for (long pid : seen) {
      ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(this::belongsToCluster)
          .ifPresent(leftovers::add);
    }
    leftovers.addAll(strayProcesses());
    for (ProcessHandle p : leftovers) {
      if (p.isAlive()) {
        LOG.warn(
            "killing leftover cluster process pid {}: {}", p.pid(), p.info().command().orElse("?"));
        p.destroyForcibly();
        killed++;
        seen.add(p.pid());
      }
    }
    for (ProcessHandle p : leftovers) {
      p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
    }
    List<ProcessHandle> still = strayProcesses();
    if (!still.isEmpty()) {
      throw new ClusterFailedException(
          "processes of the cluster in "
              + layout.runDir()
              + " are still alive: "
              + still.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", ")));
    }
    seen.remove(0L);
    return new DownResult(new ArrayList<>(seen), killed, Duration.ZERO);
  }

  /** Live processes whose command line names this cluster's jars or its supervisor. */
  public List<ProcessHandle> strayProcesses() {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self)
        .filter(this::belongsToCluster)
        .toList();
  }

  private boolean belongsToCluster(ProcessHandle p) {
    String line = commandLine(p);
    return line.contains(layout.processMarker())
        || (line.contains(ClusterSupervisor.class.getName())
            && line.contains(layout.runDir().toString()));
  }

  private static String commandLine(ProcessHandle p) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the process is gone: what the JDK knows.
      return p.info().commandLine().orElse("");
    }
  }

  private void sweepStrays() {
    List<ProcessHandle> strays = strayProcesses();
    if (!strays.isEmpty()) {
      LOG.warn(
          "{} processes of an earlier cluster in {} are still running; stopping them first",
          strays.size(),
          layout.runDir());
      stopEverything(Optional.empty());
    }
  }

  private Process startSupervisor(SparkRuntime runtime) {
    List<String> command = new ArrayList<>();
    // Its own session (setsid), so closing the terminal that ran `up` does not hang it up.
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid");
    }
    command.add(runtime.javaExecutable().toString());
    command.add("-Xmx" + SUPERVISOR_HEAP_MB + "m");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(runtime.jvmFlags());
    command.add(
        "-D" + SparkRuntime.JVM_OPENS_PROPERTY + "=" + String.join(" ", runtime.jvmFlags()));
    command.add("-cp");
    command.add(supervisorClasspath());
    command.add(ClusterSupervisor.class.getName());
    command.add(layout.runDir().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(layout.runDir().toFile())
            .redirectInput(Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(layout.supervisorLog().toFile()));
    SparkDaemons.environment(builder.environment(), layout);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new ClusterFailedException("cannot start the cluster supervisor: " + e.getMessage(), e);
    }
  }

  /**
   * The supervisor's own classes (this module, the jobs module's exceptions and the user-error
   * family they belong to) plus the stand-in jars.
   */
  private String supervisorClasspath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c :
        List.of(
            ClusterSupervisor.class,
            io.sluice.jobs.BadInputException.class,
            io.sluice.errors.UserError.class)) {
      entries.add(Path.of(codeSource(c)).toString());
    }
    entries.add(layout.jarsDir() + File.separator + "*");
    return String.join(File.pathSeparator, entries);
  }

  private static java.net.URI codeSource(Class<?> c) {
    try {
      return c.getProtectionDomain().getCodeSource().getLocation().toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private MasterStatus awaitWorkers(
      ClusterConfig config, int workers, ProcessHandle supervisor, Duration timeout) {
    MasterStatusClient client = new MasterStatusClient(config.uiUrl());
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
    String last = "master not answering yet";
    while (true) {
      if (!supervisor.isAlive()) {
        throw new ClusterFailedException(
            "the cluster supervisor exited: "
                + lastLines(layout.supervisorLog(), 3)
                + " (logs in "
                + layout.logsDir()
                + ")");
      }
      try {
        MasterStatus status = client.fetch();
        int alive = status.aliveWorkers().size();
        if (alive == workers) {
          return status;
        }
        last = alive + " of " + workers + " workers registered";
      } catch (MasterUnreachableException e) {
        last = "master not answering yet";
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterFailedException(
            "the cluster did not reach "
                + workers
                + " workers within "
                + timeout.toSeconds()
                + "s ("
                + last
                + "); logs in "
                + layout.logsDir());
      }
      if (System.nanoTime() > nextProgress) {
        LOG.info("waiting for the cluster: {}", last);
        nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterFailedException("interrupted while waiting for the cluster");
      }
    }
  }

  private ClusterConfig requireConfig() {
    if (!layout.exists()) {
      throw new NoClusterRunningException(layout.runDir());
    }
    return ClusterConfig.read(layout.runDir(), layout.configFile());
  }

  static void checkPortFree(String option, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(ClusterConfig.HOST), port));
    } catch (BindException e) {
      throw new PortInUseException(option, ClusterConfig.HOST, port);
    } catch (IOException e) {
      throw new ClusterInputException(
          "cannot check " + option + " " + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every worker may hand its whole --worker-memory to executors, on top of its own daemon heap;
   * together with the master they must fit in this machine's physical memory.
   */
  static void checkMemory(ClusterConfig config) {
    long physicalMb =
        ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize()
            / (1024 * 1024);
    long neededMb =
        (long) config.workers() * (config.workerMemoryMb() + ClusterConfig.DAEMON_HEAP_MB)
            + ClusterConfig.DAEMON_HEAP_MB;
    if (neededMb > physicalMb) {
      long fit =
          Math.max(
              0,
              (physicalMb - ClusterConfig.DAEMON_HEAP_MB)
                  / (config.workerMemoryMb() + ClusterConfig.DAEMON_HEAP_MB));
      throw new InsufficientMemoryException(
          String.format(
              Locale.ROOT,
              "--workers %d x --worker-memory %dm needs %.1f GiB with the daemons' heaps, but this machine has %.1f GiB;"
                  + " at most %d such workers fit (or lower --worker-memory)",
              config.workers(),
              config.workerMemoryMb(),
              neededMb / 1024.0,
              physicalMb / 1024.0,
              fit));
    }
  }

  private static String lastLines(Path file, int n) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      List<String> all = lines.toList();
      return String.join(" | ", all.subList(Math.max(0, all.size() - n), all.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
