package io.sluice.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's measured quality on labelled rows. Classification: AUC-ROC and AUC-PR (binary),
 * accuracy, precision/recall/F1 at the threshold (of the positive class when binary, macro averages
 * otherwise) and the confusion matrix. Regression: RMSE, MAE and R2.
 *
 * @param rows the rows measured
 * @param unlabelledRows rows left out because their label was missing or a class the model does not
 *     know
 * @param metrics metric name (auc, aupr, accuracy, precision, recall, f1, rmse, mae, r2) to value
 * @param confusion null for regression
 * @param roc (false positive rate, true positive rate) points, binary only
 */
public record EvaluationReport(
    Task task,
    long rows,
    long unlabelledRows,
    double threshold,
    Map<String, Double> metrics,
    ConfusionMatrix confusion,
    List<double[]> roc) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public EvaluationReport {
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    roc = roc == null ? List.of() : List.copyOf(roc);
  }

  public double metric(String name) {
    Double v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "no metric '" + name + "' for a " + task.id() + " model; have " + metrics.keySet());
    }
    return v;
  }

  /** {@code metrics.json}: the metrics at the top level, then the confusion matrix. */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("task", task.id());
    root.put("rows", rows);
    root.put("unlabelledRows", unlabelledRows);
    if (task != Task.REGRESSION) {
      root.put("threshold", threshold);
    }
    metrics.forEach((k, v) -> root.put(k, Double.isFinite(v) ? v : null));
    if (confusion != null) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("labels", confusion.labels());
      cm.put("counts", confusion.counts());
      root.put("confusionMatrix", cm);
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write metrics as JSON", e);
    }
  }

  /** The metrics and the confusion matrix as an aligned text table. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-10s %s%n", "task", task.id()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-10s %d%s%n",
            "rows",
            rows,
            unlabelledRows == 0
                ? ""
                : " (" + unlabelledRows + " more without a known label were left out)"));
    if (task != Task.REGRESSION) {
      out.append(String.format(Locale.ROOT, "%-10s %.2f%n", "threshold", threshold));
    }
    metrics.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-10s %.4f%n", k, v)));
    if (confusion != null) {
      int width = 9;
      for (String l : confusion.labels()) {
        width = Math.max(width, l.length() + 2);
      }
      for (long[] row : confusion.counts()) {
        for (long c : row) {
          width = Math.max(width, Long.toString(c).length() + 2);
        }
      }
      String cell = "%" + width + "s";
      out.append("confusion matrix (rows: actual, columns: predicted)")
          .append(System.lineSeparator());
      out.append(String.format(Locale.ROOT, cell, ""));
      for (String l : confusion.labels()) {
        out.append(String.format(Locale.ROOT, cell, l));
      }
      out.append(System.lineSeparator());
      for (int i = 0; i < confusion.size(); i++) {
        out.append(String.format(Locale.ROOT, cell, confusion.labels().get(i)));
        for (int j = 0; j < confusion.size(); j++) {
          out.append(String.format(Locale.ROOT, cell, confusion.count(i, j)));
        }
        out.append(System.lineSeparator());
      }
    }
    return out.toString();
  }

  /** Metrics from a confusion matrix at a threshold; AUCs are added by the caller when binary. */
  static Map<String, Double> classificationMetrics(ConfusionMatrix m) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", m.accuracy());
    if (m.size() == 2) {
      metrics.put("precision", m.precision(1));
      metrics.put("recall", m.recall(1));
      metrics.put("f1", m.f1(1));
    } else {
      metrics.put("precision", m.macroPrecision());
      metrics.put("recall", m.macroRecall());
      metrics.put("f1", m.macroF1());
    }
    return metrics;
  }
}
