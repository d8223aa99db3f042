package io.sluice.runner.pipeline;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice pipeline}: run or check a pipeline file. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Run or check a pipeline: ordered steps (job, spark-sql, ml-train, ml-predict, load-warehouse, "
        + "load-kv, sql-check, upload) in one YAML file, passing data through storage URIs.",
    subcommands = {PipelineRunCommand.class, PipelineValidateCommand.class})
public final class PipelineCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("sluice pipeline: name what to do: run or validate (see `sluice pipeline --help`)");
    spec.commandLine().getErr().flush();
    return ExitCode.BAD_INPUT;
  }
}
