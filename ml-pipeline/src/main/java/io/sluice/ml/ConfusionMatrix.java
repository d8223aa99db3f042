package io.sluice.ml;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of actual (rows) against predicted (columns) class, in the order of {@code labels}. For
 * two classes the second label is the positive class.
 */
public record ConfusionMatrix(List<String> labels, long[][] counts) {

  public ConfusionMatrix {
    labels = List.copyOf(labels);
    if (counts.length != labels.size()) {
      throw new IllegalArgumentException(
          "confusion matrix has " + counts.length + " rows for " + labels.size() + " labels");
    }
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i].length != labels.size()) {
        throw new IllegalArgumentException(
            "confusion matrix row " + i + " has " + counts[i].length + " columns");
      }
      copy[i] = counts[i].clone();
    }
    counts = copy;
  }

  public int size() {
    return labels.size();
  }

  public long count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  public long total() {
    return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
  }

  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < size(); i++) {
      correct += counts[i][i];
    }
    return ratio(correct, total());
  }

  /**
   * Of the rows predicted as class {@code c}, the share that are {@code c}; 0 when none were
   * predicted.
   */
  public double precision(int c) {
    long predicted = 0;
    for (int i = 0; i < size(); i++) {
      predicted += counts[i][c];
    }
    return ratio(counts[c][c], predicted);
  }

  /** Of the rows of class {@code c}, the share predicted as {@code c}. */
  public double recall(int c) {
    return ratio(counts[c][c], Arrays.stream(counts[c]).sum());
  }

  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
  }

  /** Unweighted mean over classes. */
  public double macroPrecision() {
    double sum = 0;
    for (int c = 0; c < size(); c++) {
      sum += precision(c);
    }
    return sum / size();
  }

  public double macroRecall() {
    double sum = 0;
    for (int c = 0; c < size(); c++) {
      sum += recall(c);
    }
    return sum / size();
  }

  public double macroF1() {
    double sum = 0;
    for (int c = 0; c < size(); c++) {
      sum += f1(c);
    }
    return sum / size();
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0.0 : (double) a / b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m
        && labels.equals(m.labels)
        && Arrays.deepEquals(counts, m.counts);
  }

  @Override
  public int hashCode() {
    return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
  }

  @Override
  public String toString() {
    return "ConfusionMatrix" + labels + Arrays.deepToString(counts);
  }
}
