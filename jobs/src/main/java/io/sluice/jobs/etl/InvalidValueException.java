package io.sluice.jobs.etl;

/** A value that does not fit its declared type; the message says why, for the rejected record. */
final class InvalidValueException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidValueException(String reason) {
    super(reason, null, false, false);
  }
}
