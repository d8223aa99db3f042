package io.sluice.runner.cluster;

import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sluice cluster status}: the supervisor's state and the master's own view (workers, cores,
 * memory, apps).
 */
@Command(
    name = "status",
    description =
        "Show the local cluster: master, alive workers with cores and memory, running and finished apps.")
public final class ClusterStatusCommand extends OutputCommand {

  /** Completed apps listed by name; older ones are only counted. */
  static final int COMPLETED_APPS_SHOWN = 10;

  @Mixin RunDirOption runDir;

  @Override
  public Integer call() {
    LocalCluster.Status s = runDir.cluster().status();
    ClusterConfig c = s.config();
    if (json()) {
      print(JsonClusterStatus.of(s));
      return s.master().isEmpty() ? ExitCode.JOB_FAILED : ExitCode.OK;
    }
    out()
        .printf(
            "cluster: %s, supervisor pid %d, restarts %d%s%n",
            s.state().phase(),
            s.state().supervisorPid(),
            s.state().restarts(),
            s.state().message().isEmpty() ? "" : " (last: " + s.state().message() + ")");
    if (s.master().isEmpty()) {
      out().printf("master: %s UNREACHABLE (%s)%n", c.masterUrl(), s.masterError());
      out().flush();
      return ExitCode.JOB_FAILED;
    }
    MasterStatus m = s.master().get();
    out().printf("master: %s %s, ui %s%n", m.url(), m.status(), c.uiUrl());
    out()
        .printf(
            "workers: %d alive (wanted %d), cores %d (used %d), memory %d MiB (used %d MiB)%n",
            m.aliveWorkers().size(),
            c.workers(),
            m.aliveCores(),
            m.aliveCoresUsed(),
            m.aliveMemoryMb(),
            m.aliveMemoryUsedMb());
    for (MasterStatus.Worker w : m.aliveWorkers()) {
      out()
          .printf(
              "  %s  %s:%d  cores %d (used %d)  memory %d MiB (used %d MiB)  %s%n",
              w.id(),
              w.host(),
              w.port(),
              w.cores(),
              w.coresUsed(),
              w.memoryMb(),
              w.memoryUsedMb(),
              w.state());
    }
    out()
        .printf(
            "apps: %d running, %d completed; drivers: %d running, %d completed%n",
            m.activeApps().size(),
            m.completedApps().size(),
            m.activeDrivers().size(),
            m.completedDrivers().size());
    for (MasterStatus.App a : m.activeApps()) {
      out().printf("  %s  %s  %s  cores %d%n", a.id(), a.name(), a.state(), a.cores());
    }
    // Finished apps too, newest first (app ids sort by start time): how a job that already ended is
    // found.
    List<MasterStatus.App> completed =
        m.completedApps().stream()
            .sorted(Comparator.comparing(MasterStatus.App::id).reversed())
            .toList();
    for (MasterStatus.App a :
        completed.subList(0, Math.min(COMPLETED_APPS_SHOWN, completed.size()))) {
      out()
          .printf(
              Locale.ROOT,
              "  %s  %s  %s  cores %d  time=%.1fs%n",
              a.id(),
              a.name(),
              a.state(),
              a.cores(),
              a.durationMs() / 1000.0);
    }
    if (completed.size() > COMPLETED_APPS_SHOWN) {
      out()
          .printf(
              "  ... and %d older completed apps (master ui %s)%n",
              completed.size() - COMPLETED_APPS_SHOWN, c.uiUrl());
    }
    out().flush();
    return ExitCode.OK;
  }
}
