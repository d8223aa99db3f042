package io.sluice.ml;

/**
 * One row's prediction, as {@link BatchPredictor} writes it.
 *
 * @param prediction the class as the label was written (a String) for classification, the number (a
 *     Double) for regression
 * @param probability of the positive class for a binary model, of the predicted class for a
 *     multiclass one, null for regression
 */
public record OnlinePrediction(Object prediction, Double probability) {}
