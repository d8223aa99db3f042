package io.sluice.runner.cluster;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The one option every cluster subcommand shares: where the cluster's state lives. */
final class RunDirOption {

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      defaultValue = ".sluice/cluster",
      description =
          "The cluster's run directory: stand-in SPARK_HOME, logs, state (default: ${DEFAULT-VALUE}).")
  Path runDir;

  LocalCluster cluster() {
    return new LocalCluster(runDir);
  }
}
