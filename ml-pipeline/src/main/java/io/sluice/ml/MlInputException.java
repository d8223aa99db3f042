package io.sluice.ml;

import io.sluice.errors.UserError;

/**
 * The request is wrong (a bad spec, data a model cannot be trained on, an unknown algorithm or
 * model version): nothing was written. The command line exits with code 2.
 */
public class MlInputException extends RuntimeException implements UserError {
  private static final long serialVersionUID = 1L;

  public MlInputException(String message) {
    super(message);
  }
}
