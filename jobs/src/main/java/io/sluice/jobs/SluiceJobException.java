package io.sluice.jobs;

/** A job could not run or did not finish; the message is one line naming the cause. */
public class SluiceJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SluiceJobException(String message) {
    super(message);
  }

  public SluiceJobException(String message, Throwable cause) {
    super(message, cause);
  }
}
