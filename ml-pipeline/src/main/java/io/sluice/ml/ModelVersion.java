package io.sluice.ml;

import java.util.Map;

/**
 * One version in a registry, as listed: its {@code model.json}, its {@code metrics.json} and where
 * it is.
 *
 * @param metrics the numeric entries of metrics.json (auc, accuracy, f1, rmse...)
 */
public record ModelVersion(ModelInfo info, Map<String, Double> metrics, String location) {
  public ModelVersion {
    metrics = Map.copyOf(metrics);
  }
}
