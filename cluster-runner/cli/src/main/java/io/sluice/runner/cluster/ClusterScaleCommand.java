package io.sluice.runner.cluster;

import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice cluster scale N}: the supervisor adds or stops workers until N are registered. */
@Command(
    name = "scale",
    description =
        "Change the number of workers of the running local cluster; returns when the master sees N.")
public final class ClusterScaleCommand extends OutputCommand {

  @Mixin RunDirOption runDir;

  @Parameters(index = "0", paramLabel = "N", description = "The number of workers wanted.")
  int workers;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long to wait for the master to see N workers (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() {
    if (workers < 0 || workers > ClusterConfig.MAX_WORKERS) {
      throw new ClusterInputException(
          "N must be 0.." + ClusterConfig.MAX_WORKERS + ", got " + workers);
    }
    long start = System.nanoTime();
    MasterStatus status = runDir.cluster().scale(workers, Duration.ofSeconds(timeoutSeconds));
    out()
        .printf(
            Locale.ROOT,
            "cluster scaled: %d workers alive, cores %d, memory %d MiB, time=%.1fs%n",
            status.aliveWorkers().size(),
            status.aliveCores(),
            status.aliveMemoryMb(),
            (System.nanoTime() - start) / 1e9);
    out().flush();
    return ExitCode.OK;
  }
}
