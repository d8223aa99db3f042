package io.sluice.runner.k8s;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice k8s}: Kubernetes objects for the jobs' image. */
@Command(name = "k8s", mixinStandardHelpOptions = true, description = "Kubernetes manifests for the jobs' image.",
    subcommands = {ManifestsCommand.class})
public final class K8sCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("sluice k8s: name a subcommand: manifests (see `sluice k8s --help`)");
    spec.commandLine().getErr().flush();
    return ExitCode.BAD_INPUT;
  }
}
