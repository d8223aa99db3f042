package io.sluice.runner.pipeline;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.UserJarOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice pipeline validate FILE}: parse and check a pipeline without running anything. */
@Command(
    name = "validate",
    description =
        "Check a pipeline file (fields, variables, jobs and their options) without running it.")
public final class PipelineValidateCommand extends OutputCommand {

  @Mixin PipelineSource source;

  @Mixin UserJarOptions userJars;

  @Override
  public Integer call() {
    PipelineDefinition pipeline = PipelineDefinition.load(source.file, source.vars);
    JobRegistry registry = PipelineRunCommand.registry(pipeline, userJars);
    for (PipelineStep step : pipeline.steps()) {
      try {
        PipelineRunner.checkStep(step, registry);
      } catch (io.sluice.jobs.BadInputException | IllegalArgumentException e) {
        throw new InvalidPipelineException(
            pipeline.source() + ": step '" + step.name() + "': " + e.getMessage(), e);
      }
    }
    out()
        .printf(
            "pipeline %s (%s): %d steps ok: %s%n",
            pipeline.name(),
            source.file,
            pipeline.steps().size(),
            String.join(
                ", ",
                pipeline.steps().stream().map(s -> s.name() + " (" + s.kind() + ")").toList()));
    out().flush();
    return ExitCode.OK;
  }
}
