package io.sluice.jobs;

/**
 * The request itself is wrong (unknown job or engine, missing input, output in the way, bad
 * parameter). Nothing was run and nothing was changed; the command line exits with code 2.
 */
public class BadInputException extends SluiceJobException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
