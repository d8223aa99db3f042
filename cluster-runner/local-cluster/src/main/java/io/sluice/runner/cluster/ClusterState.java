package io.sluice.runner.cluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the supervisor runs now, as it last wrote it to the run directory.
 *
 * @param phase starting, running, stopping or failed
 * @param supervisorPid the supervisor JVM
 * @param masterPid the master JVM (0 before it started)
 * @param workerPids worker slot to pid
 * @param restarts how many times a daemon that died was started again
 * @param message the last thing worth telling (why it failed, what it restarted)
 */
public record ClusterState(
    String phase,
    long supervisorPid,
    long masterPid,
    SortedMap<Integer, Long> workerPids,
    int restarts,
    String message) {

  public static final String STARTING = "starting";
  public static final String RUNNING = "running";
  public static final String STOPPING = "stopping";
  public static final String FAILED = "failed";

  public ClusterState {
    workerPids = new TreeMap<>(workerPids);
  }

  void write(Path file) {
    Properties p = new Properties();
    p.setProperty("phase", phase);
    p.setProperty("supervisor.pid", Long.toString(supervisorPid));
    p.setProperty("master.pid", Long.toString(masterPid));
    workerPids.forEach((slot, pid) -> p.setProperty("worker." + slot + ".pid", Long.toString(pid)));
    p.setProperty("restarts", Integer.toString(restarts));
    p.setProperty("message", message == null ? "" : message);
    RunDirFiles.writeAtomically(
        file, out -> p.store(out, "sluice local cluster: written by its supervisor"));
  }

  static Optional<ClusterState> read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ClusterInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    SortedMap<Integer, Long> workers = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("worker.") && key.endsWith(".pid")) {
        workers.put(
            Integer.parseInt(key.substring("worker.".length(), key.length() - ".pid".length())),
            Long.parseLong(p.getProperty(key)));
      }
    }
    return Optional.of(
        new ClusterState(
            p.getProperty("phase", FAILED),
            Long.parseLong(p.getProperty("supervisor.pid", "0")),
            Long.parseLong(p.getProperty("master.pid", "0")),
            workers,
            Integer.parseInt(p.getProperty("restarts", "0")),
            p.getProperty("message", "")));
  }

  public boolean supervisorAlive() {
    return supervisorPid > 0
        && ProcessHandle.of(supervisorPid).map(ProcessHandle::isAlive).orElse(false);
  }
}
