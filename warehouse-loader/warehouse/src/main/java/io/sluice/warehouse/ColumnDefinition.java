package io.sluice.warehouse;

import org.apache.parquet.schema.Type;

/**
 * One column of a table created from a Parquet schema: its name, the SQL type it gets, and whether
 * its values are written as JSON (nested data the target has no type for) or as an SQL array.
 */
public record ColumnDefinition(String name, String sqlType, Type parquetType, Encoding encoding) {

  /** How the column's values travel to the warehouse. */
  public enum Encoding {
    SCALAR,
    ARRAY,
    JSON
  }

  /** {@code "name" type}, for CREATE TABLE. */
  public String ddl() {
    return Identifiers.quote(name) + " " + sqlType;
  }
}
