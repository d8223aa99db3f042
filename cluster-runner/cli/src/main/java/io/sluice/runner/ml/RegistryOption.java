package io.sluice.runner.ml;

import picocli.CommandLine.Option;

/** {@code --registry URI}: the model registry that evaluate, predict and models read. */
final class RegistryOption {

  @Option(
      names = "--registry",
      paramLabel = "URI",
      required = true,
      description = "model registry location")
  String location;
}
