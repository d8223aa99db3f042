package io.sluice.runner;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code sluice s3}, {@code sluice kv}, ...): run bare, it prints its usage. */
public abstract class CommandGroup implements Callable<Integer> {

  @Spec
  protected CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK;
  }
}
