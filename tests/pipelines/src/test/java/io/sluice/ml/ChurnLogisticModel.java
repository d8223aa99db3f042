package io.sluice.ml;

import io.sluice.sampledata.ChurnGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The default logistic model ({@code TrainingOptions.of(LOGISTIC)}) on a generated churn table of
 * {@value #ROWS} rows, trained on first use and then shared: the ML ITs run in one failsafe JVM,
 * and those that only need some trained churn model (to register, race, upload or load) take this
 * one rather than each fitting their own.
 */
final class ChurnLogisticModel {

  static final int ROWS = 1500;

  /** The generator's seed for the table. */
  private static final long SEED = 7;

  private static ChurnLogisticModel shared;

  /** The folder holding {@code churn.csv} and {@code churn.yaml} (its input: {@code churn.csv}). */
  final Path dir;

  final DatasourceSpec spec;
  final TrainedModel trained;

  private ChurnLogisticModel(Path dir, DatasourceSpec spec, TrainedModel trained) {
    this.dir = dir;
    this.spec = spec;
    this.trained = trained;
  }

  /** The model, trained with {@code spark} by the first caller in this JVM. */
  static synchronized ChurnLogisticModel get(SparkSession spark) throws IOException {
    if (shared == null) {
      // Under target/, which the build cleans: the table outlives every test class that uses it.
      Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "churn-lr");
      ChurnGenerator.writeTable(SEED, ROWS, dir.resolve("churn.csv"));
      Files.writeString(dir.resolve("churn.yaml"), ChurnGenerator.spec("churn.csv"));
      DatasourceSpec spec = DatasourceSpec.load(dir.resolve("churn.yaml"));
      TrainedModel trained =
          new ModelTrainer(spark).train(spec, TrainingOptions.of(Algorithm.LOGISTIC));
      shared = new ChurnLogisticModel(dir, spec, trained);
    }
    return shared;
  }

  /** A copy of the training table in {@code target}, e.g. for specs that name it relatively. */
  void copyTable(Path target) throws IOException {
    Files.copy(dir.resolve("churn.csv"), target);
  }
}
