package io.sluice.runner.cluster;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice cluster}: a local Spark standalone cluster (master + N workers, each its own JVM). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "A local Spark standalone cluster on 127.0.0.1: up, status, scale, down.",
    subcommands = {ClusterUpCommand.class, ClusterStatusCommand.class, ClusterScaleCommand.class,
        ClusterDownCommand.class})
public final class ClusterCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println(
        "sluice cluster: name a subcommand: up, status, scale, down (see `sluice cluster --help`)");
    spec.commandLine().getErr().flush();
    return ExitCode.BAD_INPUT;
  }
}
