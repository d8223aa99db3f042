package io.sluice.runner.pipeline;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.UserJarOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice pipeline validate FILE}: parse and check a pipeline without running anything. */
@Command(
    name = "validate",
    description =
        "Check a pipeline file (fields, variables, jobs and their options) without running it.")
public final class PipelineValidateCommand extends OutputCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "the pipeline (YAML)")
  Path file;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "set or override a variable")
  Map<String, String> vars = new LinkedHashMap<>();

  @Mixin UserJarOptions userJars;

  @Override
  public Integer call() {
    PipelineDefinition pipeline = PipelineDefinition.load(file, vars);
    JobRegistry registry = PipelineRunCommand.registry(pipeline, userJars);
    for (PipelineStep step : pipeline.steps()) {
      try {
        PipelineRunner.checkStep(step, registry);
      } catch (io.sluice.jobs.BadInputException | IllegalArgumentException e) {
        throw new InvalidPipelineException(
            pipeline.source() + ": step '" + step.name() + "': " + e.getMessage(), e);
      }
    }
    spec.commandLine()
        .getOut()
        .printf(
            "pipeline %s (%s): %d steps ok: %s%n",
            pipeline.name(),
            file,
            pipeline.steps().size(),
            String.join(
                ", ",
                pipeline.steps().stream().map(s -> s.name() + " (" + s.kind() + ")").toList()));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
