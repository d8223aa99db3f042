package io.sluice.runner.ml;

import io.sluice.ml.Algorithm;
import io.sluice.ml.DatasourceSpec;
import io.sluice.ml.EvaluationCharts;
import io.sluice.ml.ModelRegistry;
import io.sluice.ml.ModelTrainer;
import io.sluice.ml.ModelVersion;
import io.sluice.ml.TrainedModel;
import io.sluice.ml.TrainingOptions;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice ml train SPEC --algorithm A --registry URI --name NAME [--cv-folds K]}. */
@Command(
    name = "train",
    description =
        "Fit a pipeline on a datasource, measure it on the test split and store it as the next version.")
final class TrainCommand extends MlSubcommand {

  @Mixin DatasourceSpecFile specFile;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME",
      defaultValue = "logistic",
      description =
          "logistic, gbt, random-forest (classification) or linear (regression); default: ${DEFAULT-VALUE}")
  String algorithm;

  @Option(
      names = "--registry",
      paramLabel = "URI",
      required = true,
      description = "model registry location (any URI)")
  String registry;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      required = true,
      description = "model name in the registry")
  String name;

  @Option(
      names = "--cv-folds",
      paramLabel = "K",
      defaultValue = "0",
      description = "cross-validated grid search with K folds (default: none)")
  int cvFolds;

  @Option(
      names = "--threshold",
      paramLabel = "P",
      defaultValue = "0.5",
      description =
          "positive-class probability threshold for the test metrics (default: ${DEFAULT-VALUE})")
  double threshold;

  private DatasourceSpec datasource;
  private TrainingOptions options;

  @Override
  List<String> locations() {
    options = new TrainingOptions(Algorithm.parse(algorithm), cvFolds, threshold);
    io.sluice.ml.ModelRef.requireValidName(name);
    datasource = specFile.load();
    return List.of(datasource.input(), registry);
  }

  @Override
  int run(SparkSession spark) {
    long started = System.nanoTime();
    TrainedModel trained = new ModelTrainer(spark).train(datasource, options);
    ModelVersion version;
    try {
      version =
          new ModelRegistry(registry, spark.sparkContext().hadoopConfiguration())
              .register(name, trained);
    } finally {
      trained.release();
    }
    if (json()) {
      var info = version.info();
      print(
          new JsonTraining(
              info.algorithm(),
              info.name(),
              info.version(),
              version.location(),
              info.readRows(),
              info.trainRows(),
              info.testRows(),
              info.rejectedRows(),
              trained.testReport().metrics(),
              (System.nanoTime() - started) / 1e9));
      return ok();
    }
    out().print(trained.testReport().toTable());
    out().println("model:   " + version.location());
    out().println("metrics: " + version.location() + "/" + ModelRegistry.METRICS_FILE);
    for (String png : List.of(EvaluationCharts.ROC_FILE, EvaluationCharts.CONFUSION_FILE)) {
      org.apache.hadoop.fs.Path p =
          new org.apache.hadoop.fs.Path(version.location(), ModelRegistry.PLOTS_DIR + "/" + png);
      if (exists(spark, p)) {
        out().println("plot:    " + p);
      }
    }
    var info = version.info();
    String metrics =
        trained.testReport().metrics().entrySet().stream()
            .limit(3)
            .map(e -> String.format(Locale.ROOT, "%s=%.4f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(" "));
    out()
        .printf(
            Locale.ROOT,
            "ml train [%s] done: read=%d train=%d test=%d rejected=%d records, %s, time=%.1fs -> %s:%d%n",
            info.algorithm(),
            info.readRows(),
            info.trainRows(),
            info.testRows(),
            info.rejectedRows(),
            metrics,
            (System.nanoTime() - started) / 1e9,
            info.name(),
            info.version());
    return ok();
  }

  /** The summary as --json prints it: every test metric, by name. */
  record JsonTraining(
      String algorithm,
      String model,
      int version,
      String location,
      long read,
      long train,
      long test,
      long rejected,
      java.util.Map<String, Double> metrics,
      double seconds) {}

  private static boolean exists(SparkSession spark, org.apache.hadoop.fs.Path p) {
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(p);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
