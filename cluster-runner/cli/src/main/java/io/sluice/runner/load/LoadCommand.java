package io.sluice.runner.load;

import io.sluice.runner.CommandGroup;
import io.sluice.runner.kv.LoadKvCommand;
import io.sluice.runner.warehouse.WarehouseLoadCommand;
import picocli.CommandLine.Command;

/** {@code sluice load}: load data into a target store; one subcommand per kind of store. */
@Command(
    name = "load",
    description = "Load Parquet or CSV data into a store.",
    subcommands = {WarehouseLoadCommand.class, LoadKvCommand.class})
public final class LoadCommand extends CommandGroup {}
