package io.sluice.jobs;

import io.sluice.errors.UserError;

/**
 * The request itself is wrong (unknown job or engine, missing input, output in the way, bad
 * parameter, a record that stops the run). Nothing was committed; the command line exits with code
 * 2. The jobs' member of the {@link UserError} family.
 */
public class BadInputException extends SluiceJobException implements UserError {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
