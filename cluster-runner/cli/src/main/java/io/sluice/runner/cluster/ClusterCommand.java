package io.sluice.runner.cluster;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code sluice cluster}: a local Spark standalone cluster (master + N workers, each its own JVM).
 */
@Command(
    name = "cluster",
    description = "A local Spark standalone cluster on 127.0.0.1: up, status, scale, down.",
    subcommands = {
      ClusterUpCommand.class,
      ClusterStatusCommand.class,
      ClusterScaleCommand.class,
      ClusterDownCommand.class
    })
public final class ClusterCommand extends CommandGroup {}
