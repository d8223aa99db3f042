package io.sluice.runner.services;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice services}: the embedded services local runs use. */
@Command(
    name = "services",
    description = "Run the embedded services (S3-compatible endpoint) in the foreground.",
    subcommands = {ServicesUpCommand.class})
public final class ServicesCommand extends CommandGroup {}
