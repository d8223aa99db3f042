package io.sluice.runner;

import picocli.CommandLine.ParameterException;

/**
 * A command that only groups subcommands ({@code sluice}, {@code sluice s3}, {@code sluice run},
 * ...): run bare, it is a usage error like any other (exit 2, one line naming the subcommands).
 */
public abstract class CommandGroup extends OutputCommand {

  @Override
  public Integer call() {
    String names =
        String.join(
            ", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList());
    throw new ParameterException(spec.commandLine(), "name a subcommand: " + names);
  }
}
