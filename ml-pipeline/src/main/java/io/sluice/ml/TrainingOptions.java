package io.sluice.ml;

import java.util.Objects;

/**
 * How to train: the algorithm, cross-validation folds (0 or 1: none; k > 1: grid search with k
 * folds) and the probability threshold of the positive class for the test-set metrics.
 */
public record TrainingOptions(Algorithm algorithm, int cvFolds, double threshold) {

  public static final int MAX_CV_FOLDS = 20;

  public TrainingOptions {
    Objects.requireNonNull(algorithm, "algorithm");
    if (cvFolds < 0 || cvFolds > MAX_CV_FOLDS) {
      throw new MlInputException(
          "--cv-folds must be 0 (none) or between 2 and " + MAX_CV_FOLDS + ", got " + cvFolds);
    }
    if (cvFolds == 1) {
      throw new MlInputException("--cv-folds 1 is not cross-validation; use 0 (none) or 2 or more");
    }
    ModelEvaluator.requireThreshold(threshold);
  }

  public static TrainingOptions of(Algorithm algorithm) {
    return new TrainingOptions(algorithm, 0, ModelEvaluator.DEFAULT_THRESHOLD);
  }
}
