package io.sluice.jobs;

/**
 * Thrown by a {@link LineParser} to set one record aside: the job base writes it under {@code
 * <output>/_rejected/} with its file, line, field and reason, counts it as rejected, and the run
 * goes on. It carries no stack trace (rejects can be many and the reason says it all).
 */
public final class RecordRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the field that failed, or null when the whole record did
   * @param reason why, in words a user can act on
   */
  public RecordRejectedException(String field, String reason) {
    super(reason, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return getMessage();
  }
}
