package io.sluice.ml;

/**
 * Data a model cannot be trained, evaluated or applied on: a missing column, one label class, an
 * all-null feature.
 */
public class InvalidTrainingDataException extends MlInputException {
  private static final long serialVersionUID = 1L;

  public InvalidTrainingDataException(String message) {
    super(message);
  }
}
