package io.sluice.runner.ml;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice ml}: datasource -> model -> evaluation -> predictions, on Spark MLlib. */
@Command(name = "ml", mixinStandardHelpOptions = true,
    description = "Machine learning on Spark MLlib: describe a datasource, train, evaluate, list and apply models.",
    subcommands = {DatasourceCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
        ModelsCommand.class, GenerateCommand.class})
public final class MlCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK;
  }
}
