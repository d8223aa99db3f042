package io.sluice.runner.cluster;

import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sluice cluster down}: stops everything the cluster started and checks that nothing is
 * left.
 */
@Command(
    name = "down",
    description =
        "Stop the local cluster: supervisor, workers (with their executors and drivers), master. "
            + "Checks by pid and command line that no process of it is left.")
public final class ClusterDownCommand extends OutputCommand {

  @Mixin RunDirOption runDir;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    LocalCluster.DownResult down = runDir.cluster().down();
    out()
        .printf(
            Locale.ROOT,
            "cluster down: %d processes stopped (%d killed), none left, time=%.1fs%n",
            down.stopped().size(),
            down.killed(),
            (System.nanoTime() - start) / 1e9);
    out().flush();
    return ExitCode.OK;
  }
}
