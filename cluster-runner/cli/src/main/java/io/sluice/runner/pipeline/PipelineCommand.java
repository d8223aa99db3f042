package io.sluice.runner.pipeline;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice pipeline}: run or check a pipeline file. */
@Command(
    name = "pipeline",
    description =
        "Run or check a pipeline: ordered steps (job, spark-sql, ml-train, ml-predict, load-warehouse, "
            + "load-kv, sql-check, upload) in one YAML file, passing data through storage URIs.",
    subcommands = {PipelineRunCommand.class, PipelineValidateCommand.class})
public final class PipelineCommand extends CommandGroup {}
