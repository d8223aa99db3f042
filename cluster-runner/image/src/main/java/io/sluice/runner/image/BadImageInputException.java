package io.sluice.runner.image;

import io.sluice.jobs.BadInputException;

/** An image request that cannot be built: bad reference, missing base image, unreadable archive. */
public class BadImageInputException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public BadImageInputException(String message) {
    super(message);
  }

  public BadImageInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
