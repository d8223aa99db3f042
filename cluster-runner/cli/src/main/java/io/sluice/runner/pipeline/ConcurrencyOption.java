package io.sluice.runner.pipeline;

import picocli.CommandLine.Option;

/** {@code --concurrency N}: how many ready steps run at once, instead of the file's setting. */
public final class ConcurrencyOption {

  static final String NAME = "--concurrency";

  @Option(
      names = NAME,
      paramLabel = "N",
      description =
          "run up to N steps at once (1 to "
              + PipelineDefinition.MAX_CONCURRENCY
              + ") once the steps they need are done; default: the file's 'concurrency', else 1")
  Integer concurrency;

  /** {@code pipeline} with the option's concurrency, if given (checked, naming the option). */
  public PipelineDefinition applyTo(PipelineDefinition pipeline) {
    return concurrency == null ? pipeline : pipeline.withConcurrency(concurrency, NAME);
  }
}
