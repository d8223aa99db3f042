package io.sluice.runner.ml;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice ml}: datasource -> model -> evaluation -> predictions, on Spark MLlib. */
@Command(
    name = "ml",
    description =
        "Machine learning on Spark MLlib: describe a datasource, train, evaluate, list and apply models.",
    subcommands = {
      DatasourceCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      ModelsCommand.class,
      GenerateCommand.class
    })
public final class MlCommand extends CommandGroup {}
