package io.sluice.runner.ml;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice ml datasource}: commands about datasource specs. */
@Command(name = "datasource", mixinStandardHelpOptions = true, description = "Inspect a datasource spec's data.",
    subcommands = {DescribeCommand.class})
final class DatasourceCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK;
  }
}
