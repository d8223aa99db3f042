package io.sluice.warehouse;

/**
 * Quoting for identifiers that come from data (column names in a Parquet schema or a CSV header),
 * which may hold any character: they are always emitted double-quoted, with embedded quotes
 * doubled, the SQL standard form PostgreSQL, DuckDB and Redshift share.
 */
public final class Identifiers {

  private Identifiers() {}

  public static String quote(String identifier) {
    checkColumn(identifier);
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Column names: non-empty, no NUL (no SQL engine accepts it), at most 63 characters. */
  public static String checkColumn(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidLoadRequestException("empty column name");
    }
    if (name.indexOf('\0') >= 0) {
      throw new InvalidLoadRequestException(
          "column name '" + name.replace('\0', '?') + "' contains a NUL character");
    }
    if (name.length() > TableName.MAX_LENGTH) {
      throw new InvalidLoadRequestException(
          "column name '" + name + "' is longer than " + TableName.MAX_LENGTH + " characters");
    }
    return name;
  }
}
