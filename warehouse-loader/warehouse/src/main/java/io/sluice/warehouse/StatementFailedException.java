package io.sluice.warehouse;

/**
 * A statement of a script failed; the statements before it ran (each committed on its own, as psql
 * runs a file) and the ones after it did not.
 */
public class StatementFailedException extends WarehouseException {

  private static final long serialVersionUID = 1L;

  private final transient SqlScript.Statement statement;

  public StatementFailedException(SqlScript.Statement statement, String message, Throwable cause) {
    super(message, cause);
    this.statement = statement;
  }

  /** The statement that failed, with its line in the script. */
  public SqlScript.Statement statement() {
    return statement;
  }
}
