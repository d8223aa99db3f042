package io.sluice.runner.cluster;

import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice cluster up}: starts the master, N workers and their supervisor, returns when all
 * registered.
 */
@Command(
    name = "up",
    description = {
      "Start a Spark standalone master and N workers as separate JVMs on 127.0.0.1, from the CLI's "
          + "own jars, under a detached supervisor that restarts any worker that dies.",
      "Returns once every worker has registered; `status`, `scale` and `down` work from any shell."
    })
public final class ClusterUpCommand extends OutputCommand {

  @Mixin RunDirOption runDir;

  @Option(
      names = "--workers",
      paramLabel = "N",
      required = true,
      description = "Number of workers.")
  int workers;

  @Option(
      names = "--worker-cores",
      paramLabel = "C",
      defaultValue = "" + ClusterConfig.DEFAULT_WORKER_CORES,
      description = "Cores each worker offers (default: ${DEFAULT-VALUE}).")
  int workerCores;

  @Option(
      names = "--worker-memory",
      paramLabel = "M",
      defaultValue = "1g",
      description =
          "Memory each worker offers to executors, e.g. 512m, 2g (default: ${DEFAULT-VALUE}).")
  String workerMemory;

  @Option(
      names = "--master-port",
      paramLabel = "P",
      defaultValue = "" + ClusterConfig.DEFAULT_MASTER_PORT,
      description = "The master's port: spark://127.0.0.1:P (default: ${DEFAULT-VALUE}).")
  int masterPort;

  @Option(
      names = "--ui-port",
      paramLabel = "P",
      defaultValue = "" + ClusterConfig.DEFAULT_UI_PORT,
      description = "The master's web UI and JSON status port (default: ${DEFAULT-VALUE}).")
  int uiPort;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long to wait for all workers to register (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() {
    ClusterConfig config =
        new ClusterConfig(
            runDir.runDir,
            workers,
            workerCores,
            ClusterConfig.parseMemoryMb("--worker-memory", workerMemory),
            masterPort,
            uiPort);
    LocalCluster.UpResult up =
        runDir.cluster().up(config, SparkRuntime.current(), Duration.ofSeconds(timeoutSeconds));
    out()
        .printf(
            Locale.ROOT,
            "cluster up: master %s, ui %s, %d workers x %d cores x %d MiB, supervisor pid %d,"
                + " run dir %s, time=%.1fs%n",
            config.masterUrl(),
            config.uiUrl(),
            up.status().aliveWorkers().size(),
            config.workerCores(),
            config.workerMemoryMb(),
            up.supervisorPid(),
            config.runDir(),
            up.took().toMillis() / 1000.0);
    out().flush();
    return ExitCode.OK;
  }
}
