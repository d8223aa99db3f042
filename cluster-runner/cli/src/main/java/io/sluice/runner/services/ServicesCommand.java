package io.sluice.runner.services;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice services}: the embedded services local runs use. */
@Command(name = "services", mixinStandardHelpOptions = true,
    description = "Run the embedded services (S3-compatible endpoint) in the foreground.",
    subcommands = {ServicesUpCommand.class})
public final class ServicesCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** Without a subcommand there is nothing to run: a one-line usage error, like any other bad request. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println(
        "sluice services: name a subcommand: up (see `sluice services --help`)");
    spec.commandLine().getErr().flush();
    return ExitCode.BAD_INPUT;
  }
}
