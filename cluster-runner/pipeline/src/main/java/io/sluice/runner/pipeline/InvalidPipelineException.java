package io.sluice.runner.pipeline;

import io.sluice.errors.UserError;
import io.sluice.jobs.BadInputException;

/**
 * A pipeline file that cannot be run as written: the message names the file, the step and the
 * field.
 */
public final class InvalidPipelineException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public InvalidPipelineException(String message) {
    super(UserError.oneLine(message));
  }

  public InvalidPipelineException(String message, Throwable cause) {
    super(UserError.oneLine(message), cause);
  }
}
