package io.sluice.runner.cluster;

import java.util.List;

/**
 * What a Spark standalone master reports at {@code /json/}: its workers, their resources and the
 * applications. Only ALIVE workers count; a worker that died stays listed as DEAD for a while.
 */
public record MasterStatus(
    String url,
    String status,
    List<Worker> workers,
    List<App> activeApps,
    List<App> completedApps,
    List<Driver> activeDrivers,
    List<Driver> completedDrivers) {

  public record Worker(
      String id,
      String host,
      int port,
      int cores,
      int coresUsed,
      int memoryMb,
      int memoryUsedMb,
      String state) {
    public boolean alive() {
      return "ALIVE".equals(state);
    }
  }

  public record App(
      String id, String name, int cores, int memoryPerExecutorMb, String state, long durationMs) {}

  public record Driver(String id, String state, String worker, String mainClass) {}

  public MasterStatus {
    workers = List.copyOf(workers);
    activeApps = List.copyOf(activeApps);
    completedApps = List.copyOf(completedApps);
    activeDrivers = List.copyOf(activeDrivers);
    completedDrivers = List.copyOf(completedDrivers);
  }

  public List<Worker> aliveWorkers() {
    return workers.stream().filter(Worker::alive).toList();
  }

  public int aliveCores() {
    return aliveWorkers().stream().mapToInt(Worker::cores).sum();
  }

  public int aliveCoresUsed() {
    return aliveWorkers().stream().mapToInt(Worker::coresUsed).sum();
  }

  public int aliveMemoryMb() {
    return aliveWorkers().stream().mapToInt(Worker::memoryMb).sum();
  }

  public int aliveMemoryUsedMb() {
    return aliveWorkers().stream().mapToInt(Worker::memoryUsedMb).sum();
  }
}
