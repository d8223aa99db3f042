package io.sluice.ml;

import java.util.List;
import java.util.Map;

/**
 * What a registry version records about its model ({@code model.json}): how it was trained, on
 * which data (a fingerprint of the rows), by which code, with which labels.
 *
 * @param labels the classes in index order (the last is the positive class of a binary model);
 *     empty for regression
 * @param trainingFingerprint order-independent hash of every input row, with the row count
 * @param params the estimator's tuned parameters (the cross-validated choice when {@code cvFolds} >
 *     1)
 */
public record ModelInfo(
    String name,
    int version,
    String algorithm,
    String task,
    String label,
    List<String> labels,
    String idColumn,
    String createdAt,
    String codeVersion,
    String trainingInput,
    String trainingFingerprint,
    long readRows,
    long trainRows,
    long testRows,
    long rejectedRows,
    int cvFolds,
    Map<String, String> params,
    double trainingSeconds) {

  public ModelInfo {
    labels = labels == null ? List.of() : List.copyOf(labels);
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  /**
   * What scoring needs of a model fitted outside the registry (a benchmark's or a test's): its
   * algorithm, task, label and classes; no name, version, provenance or counts.
   */
  public static ModelInfo unregistered(
      String algorithm, String task, String label, List<String> labels) {
    return new ModelInfo(
        null, 0, algorithm, task, label, labels, null, null, null, null, null, 0, 0, 0, 0, 1,
        Map.of(), 0);
  }

  public Task taskKind() {
    return Task.parse(task);
  }

  public Algorithm algorithmKind() {
    return Algorithm.parse(algorithm);
  }

  public ModelInfo withVersion(String newName, int newVersion) {
    return new ModelInfo(
        newName,
        newVersion,
        algorithm,
        task,
        label,
        labels,
        idColumn,
        createdAt,
        codeVersion,
        trainingInput,
        trainingFingerprint,
        readRows,
        trainRows,
        testRows,
        rejectedRows,
        cvFolds,
        params,
        trainingSeconds);
  }
}
