package io.sluice.runner.ml;

import io.sluice.ml.BatchPredictor;
import io.sluice.ml.DataFormat;
import io.sluice.ml.LoadedModel;
import io.sluice.ml.MlInputException;
import io.sluice.ml.ModelRef;
import io.sluice.ml.ModelRegistry;
import io.sluice.ml.PredictionSummary;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice ml predict NAME[:VERSION] --registry URI --input URI --output URI [--id COL]}. */
@Command(
    name = "predict",
    description =
        "Score a data set with a model: Parquet (id, prediction, probability), one row per input row.")
final class PredictCommand extends MlSubcommand {

  @Mixin ModelSelection selection;

  @Option(
      names = "--input",
      paramLabel = "URI",
      required = true,
      description = "rows to score (file or directory)")
  String input;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "csv or parquet (default: from the extension, else the spec's)")
  String format;

  @Option(
      names = "--output",
      paramLabel = "URI",
      required = true,
      description = "where the Parquet predictions go")
  String output;

  @Option(
      names = "--id",
      paramLabel = "COL",
      description = "the column identifying rows (default: the spec's id, else a generated row_id)")
  String id;

  @Option(names = "--overwrite", description = "replace an existing output")
  boolean overwrite;

  private ModelRef ref;

  @Override
  List<String> locations() {
    ref = ModelRef.parse(selection.model);
    return List.of(selection.registry.location, input, output);
  }

  @Override
  int run(SparkSession spark) {
    LoadedModel loaded =
        new ModelRegistry(selection.registry.location, spark.sparkContext().hadoopConfiguration())
            .load(ref);
    DataFormat dataFormat = format(format, input, loaded.spec().format());
    PredictionSummary summary =
        new BatchPredictor(spark).predict(loaded, input, dataFormat, output, id, overwrite);
    if (json()) {
      print(
          new JsonPrediction(
              summary.model(),
              summary.input(),
              summary.output(),
              summary.inputRows(),
              summary.writtenRows(),
              summary.bytesWritten(),
              summary.seconds()));
    } else {
      out().println(summary.toLine());
    }
    return ok();
  }

  /** The summary line as --json prints it. */
  record JsonPrediction(
      String model,
      String input,
      String output,
      long read,
      long written,
      long bytesOut,
      double seconds) {}

  /**
   * An explicit --format, else the input's extension, else the format the model was trained from.
   */
  static DataFormat format(String option, String input, DataFormat fallback) {
    if (option != null) {
      for (DataFormat f : DataFormat.values()) {
        if (f.id().equals(option.trim().toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new MlInputException("--format '" + option + "' is not csv or parquet");
    }
    String lower = input.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return DataFormat.CSV;
    }
    if (lower.endsWith(".parquet")) {
      return DataFormat.PARQUET;
    }
    return fallback;
  }
}
