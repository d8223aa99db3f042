package io.sluice.ml;

/** A model name or version the registry does not hold. */
public class ModelNotFoundException extends MlInputException {
  private static final long serialVersionUID = 1L;

  public ModelNotFoundException(String message) {
    super(message);
  }
}
