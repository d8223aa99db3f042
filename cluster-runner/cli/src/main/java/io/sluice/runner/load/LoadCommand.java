package io.sluice.runner.load;

import io.sluice.runner.ExitCode;
import io.sluice.runner.kv.LoadKvCommand;
import io.sluice.runner.warehouse.WarehouseLoadCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice load}: load data into a target store; one subcommand per kind of store. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Load Parquet or CSV data into a store.",
    subcommands = {WarehouseLoadCommand.class, LoadKvCommand.class})
public final class LoadCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** Without a subcommand there is nothing to load: a one-line usage error. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("sluice load: name what to load into (see `sluice load --help`)");
    spec.commandLine().getErr().flush();
    return ExitCode.BAD_INPUT;
  }
}
