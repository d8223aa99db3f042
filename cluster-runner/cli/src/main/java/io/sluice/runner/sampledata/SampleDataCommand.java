package io.sluice.runner.sampledata;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice sample-data}: the demo's raw inputs, written by one deterministic generator. */
@Command(
    name = "sample-data",
    description =
        "The sample inputs (orders, access logs, customer churn, text): regenerate them, or write them larger for benchmarks.",
    subcommands = {GenerateSampleDataCommand.class})
public final class SampleDataCommand extends CommandGroup {}
