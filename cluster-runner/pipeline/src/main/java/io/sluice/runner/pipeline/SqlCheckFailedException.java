package io.sluice.runner.pipeline;

/** A {@code sql-check} step's query did not give the expected answer. */
public final class SqlCheckFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SqlCheckFailedException(String message) {
    super(message);
  }
}
