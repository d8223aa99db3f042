package io.sluice.runner.sampledata;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice sample-data}: the demo's raw inputs, written by one deterministic generator. */
@Command(name = "sample-data", mixinStandardHelpOptions = true,
    description = "The sample inputs (orders, access logs, customer churn, text): regenerate them, or write them larger for benchmarks.",
    subcommands = {GenerateSampleDataCommand.class})
public final class SampleDataCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK;
  }
}
