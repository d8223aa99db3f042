package io.sluice.runner.cluster;

import java.util.List;

/**
 * {@code cluster status} as {@code --json} prints it: the supervisor's state and, when the master
 * answered, its workers, apps and drivers as the master reports them ({@code masterError}
 * otherwise).
 */
record JsonClusterStatus(
    String cluster,
    long supervisorPid,
    int restarts,
    String message,
    String masterUrl,
    String uiUrl,
    String masterError,
    String masterStatus,
    int workersWanted,
    List<MasterStatus.Worker> workers,
    List<MasterStatus.App> activeApps,
    List<MasterStatus.App> completedApps,
    List<MasterStatus.Driver> activeDrivers,
    List<MasterStatus.Driver> completedDrivers) {

  static JsonClusterStatus of(LocalCluster.Status s) {
    ClusterConfig c = s.config();
    MasterStatus m = s.master().orElse(null);
    return new JsonClusterStatus(
        s.state().phase(),
        s.state().supervisorPid(),
        s.state().restarts(),
        s.state().message(),
        c.masterUrl(),
        c.uiUrl(),
        m == null ? s.masterError() : null,
        m == null ? null : m.status(),
        c.workers(),
        m == null ? List.of() : m.workers(),
        m == null ? List.of() : m.activeApps(),
        m == null ? List.of() : m.completedApps(),
        m == null ? List.of() : m.activeDrivers(),
        m == null ? List.of() : m.completedDrivers());
  }
}
