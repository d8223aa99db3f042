package io.sluice.runner;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code sluice}, {@code sluice s3}, {@code sluice run},
 * ...): run bare, it is a usage error like any other (exit 2, one line naming the subcommands).
 */
public abstract class CommandGroup implements Callable<Integer> {

  @Spec
  protected CommandSpec spec;

  @Override
  public Integer call() {
    String names = String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList());
    throw new ParameterException(spec.commandLine(), "name a subcommand: " + names);
  }
}
