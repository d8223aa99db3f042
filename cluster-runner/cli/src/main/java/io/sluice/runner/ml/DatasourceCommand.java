package io.sluice.runner.ml;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice ml datasource}: commands about datasource specs. */
@Command(
    name = "datasource",
    description = "Inspect a datasource spec's data.",
    subcommands = {DescribeCommand.class})
final class DatasourceCommand extends CommandGroup {}
