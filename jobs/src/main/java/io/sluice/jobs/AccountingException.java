package io.sluice.jobs;

/** A run's record counts do not add up: some records were neither written nor rejected. */
public class AccountingException extends SluiceJobException {
  private static final long serialVersionUID = 1L;

  public AccountingException(String message) {
    super(message);
  }
}
