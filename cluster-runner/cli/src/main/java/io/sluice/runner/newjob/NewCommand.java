package io.sluice.runner.newjob;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice new}: start something new from a template; one subcommand per kind. */
@Command(
    name = "new",
    description = "Start a new project from a template.",
    subcommands = {NewJobCommand.class})
public final class NewCommand extends CommandGroup {}
