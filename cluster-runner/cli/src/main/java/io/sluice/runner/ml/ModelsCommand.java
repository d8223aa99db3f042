package io.sluice.runner.ml;

import io.sluice.ml.ModelRegistry;
import io.sluice.ml.ModelVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice ml models --registry URI}: every version with its metrics. */
@Command(name = "models", description = "List the models in a registry with their metrics.")
final class ModelsCommand extends MlSubcommand {

  /** The metrics shown per task, in this order. */
  private static final List<String> SHOWN =
      List.of("auc", "aupr", "accuracy", "f1", "rmse", "mae", "r2");

  @Mixin RegistryOption registry;

  @Override
  List<String> locations() {
    return List.of(registry.location);
  }

  @Override
  int run(SparkSession spark) {
    List<ModelVersion> versions =
        new ModelRegistry(registry.location, spark.sparkContext().hadoopConfiguration()).list();
    if (versions.isEmpty()) {
      out().println("no models in " + registry.location);
      return ok();
    }
    int width =
        Math.max(5, versions.stream().mapToInt(v -> v.info().name().length()).max().orElse(5));
    String row = "%-" + width + "s  %7s  %-13s  %-10s  %-20s  %9s  %s%n";
    out().printf(row, "MODEL", "VERSION", "ALGORITHM", "TASK", "CREATED", "TRAINROWS", "METRICS");
    for (ModelVersion v : versions) {
      var info = v.info();
      out()
          .printf(
              row,
              info.name(),
              info.version(),
              info.algorithm() + (info.cvFolds() > 1 ? " cv" + info.cvFolds() : ""),
              info.task(),
              info.createdAt().length() > 19 ? info.createdAt().substring(0, 19) : info.createdAt(),
              info.trainRows(),
              metrics(v.metrics()));
    }
    out().println(versions.size() + " version(s) in " + registry.location);
    return ok();
  }

  private static String metrics(Map<String, Double> metrics) {
    return SHOWN.stream()
        .filter(metrics::containsKey)
        .map(k -> String.format(Locale.ROOT, "%s=%.4f", k, metrics.get(k)))
        .collect(Collectors.joining(" "));
  }
}
