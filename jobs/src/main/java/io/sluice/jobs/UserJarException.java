package io.sluice.jobs;

/**
 * A user's job jar cannot be used: it does not exist, is not a jar, registers no job, or its jobs
 * cannot be loaded. Nothing ran; the command line exits with code 2.
 */
public class UserJarException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public UserJarException(String message) {
    super(message);
  }

  public UserJarException(String message, Throwable cause) {
    super(message, cause);
  }
}
