package io.sluice.runner.ml;

import io.sluice.ml.DataFormat;
import io.sluice.ml.DatasourceReader;
import io.sluice.ml.EvaluationCharts;
import io.sluice.ml.EvaluationReport;
import io.sluice.ml.LoadedModel;
import io.sluice.ml.ModelEvaluator;
import io.sluice.ml.ModelRef;
import io.sluice.ml.ModelRegistry;
import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice ml evaluate NAME[:VERSION] --registry URI [--input URI]}. */
@Command(
    name = "evaluate",
    description =
        "Measure a model (on --input, else on the test split of its training data): table, JSON, PNG pictures.")
final class EvaluateCommand extends MlSubcommand {

  @Mixin ModelSelection selection;

  @Option(
      names = "--input",
      paramLabel = "URI",
      description = "labelled data to evaluate on (default: the test split)")
  String input;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "csv or parquet (default: the model's spec format)")
  String format;

  @Option(
      names = "--threshold",
      paramLabel = "P",
      defaultValue = "0.5",
      description = "positive-class probability threshold (default: ${DEFAULT-VALUE})")
  double threshold;

  @Option(
      names = "--report-dir",
      paramLabel = "URI",
      description = "where metrics.json and the PNGs go (default: sluice-ml-reports/NAME/VERSION)")
  String reportDir;

  private ModelRef ref;

  @Override
  List<String> locations() {
    ref = ModelRef.parse(selection.model);
    ModelEvaluator.requireThreshold(threshold);
    List<String> locations = new ArrayList<>(List.of(selection.registry.location));
    locations.add(input);
    locations.add(reportDir);
    return locations;
  }

  @Override
  int run(SparkSession spark) {
    long started = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    LoadedModel loaded = new ModelRegistry(selection.registry.location, conf).load(ref);
    EvaluationReport report;
    String evaluatedOn;
    if (input == null) {
      report = new ModelEvaluator().evaluateTestSplit(spark, loaded, threshold);
      evaluatedOn = loaded.spec().input() + " (test split)";
    } else {
      DataFormat dataFormat = PredictCommand.format(format, input, loaded.spec().format());
      report =
          new ModelEvaluator()
              .evaluate(
                  loaded, new DatasourceReader(spark).read(input, dataFormat), input, threshold);
      evaluatedOn = input;
    }
    String name = loaded.info().name() + ":" + loaded.info().version();
    String dir =
        reportDir != null
            ? reportDir
            : "sluice-ml-reports/" + loaded.info().name() + "/" + loaded.info().version();
    Path reportPath = StorageUri.parse(dir).toHadoopPath();
    List<Path> written = new ArrayList<>();
    try {
      FileSystem fs = reportPath.getFileSystem(conf);
      Path json = new Path(reportPath, ModelRegistry.METRICS_FILE);
      try (OutputStream out = fs.create(json, true)) {
        out.write(report.toJson().getBytes(StandardCharsets.UTF_8));
      }
      written.add(json);
      written.addAll(new EvaluationCharts(conf).write(report, name, reportPath));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the evaluation to " + dir + ": " + e.getMessage(), e);
    }
    out().println("model " + name + " (" + loaded.info().algorithm() + ") on " + evaluatedOn);
    out().print(report.toTable());
    for (Path p : written) {
      out().println((p.getName().endsWith(".png") ? "plot:    " : "json:    ") + p);
    }
    out()
        .printf(
            "ml evaluate [%s] done: %d rows measured, %d without a known label, time=%.1fs%n",
            name, report.rows(), report.unlabelledRows(), (System.nanoTime() - started) / 1e9);
    return ok();
  }
}
