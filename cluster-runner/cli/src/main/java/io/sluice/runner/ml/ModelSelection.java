package io.sluice.runner.ml;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The model a command applies: {@code NAME[:VERSION] --registry URI} (evaluate, predict). */
final class ModelSelection {

  @Parameters(
      index = "0",
      paramLabel = "NAME[:VERSION]",
      description = "model and version (default: the latest)")
  String model;

  @Mixin RegistryOption registry;
}
