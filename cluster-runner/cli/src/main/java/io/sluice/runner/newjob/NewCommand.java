package io.sluice.runner.newjob;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice new}: start something new from a template; one subcommand per kind. */
@Command(name = "new", mixinStandardHelpOptions = true,
    description = "Start a new project from a template.",
    subcommands = {NewJobCommand.class})
public final class NewCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** Without a subcommand there is nothing to make: a one-line usage error. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("sluice new: name what to make, e.g. `sluice new job NAME --dir DIR`");
    spec.commandLine().getErr().flush();
    return ExitCode.BAD_INPUT;
  }
}
