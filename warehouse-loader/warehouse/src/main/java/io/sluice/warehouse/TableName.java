package io.sluice.warehouse;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A table name a user typed, {@code table} or {@code schema.table}. Each part must be a plain SQL
 * identifier (letters, digits, underscore; not starting with a digit; at most 63 characters, the
 * PostgreSQL limit), so nothing a user types can change the statement it lands in. Names are
 * lower-cased, as an unquoted identifier would be in PostgreSQL, and always emitted quoted.
 */
public final class TableName {

  /**
   * The PostgreSQL identifier limit (NAMEDATALEN - 1); longer names are silently truncated there.
   */
  public static final int MAX_LENGTH = 63;

  private static final Pattern PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String schema;
  private final String table;

  private TableName(String schema, String table) {
    this.schema = schema;
    this.table = table;
  }

  public static TableName parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidLoadRequestException("table name is empty");
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length > 2) {
      throw new InvalidLoadRequestException(
          "table name '" + text + "' has more than two parts; use TABLE or SCHEMA.TABLE");
    }
    for (String part : parts) {
      check(part, text);
    }
    return parts.length == 1
        ? new TableName(null, parts[0].toLowerCase(Locale.ROOT))
        : new TableName(parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT));
  }

  public static TableName of(String schema, String table) {
    check(table, table);
    if (schema != null) {
      check(schema, schema + "." + table);
    }
    return new TableName(
        schema == null ? null : schema.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT));
  }

  private static void check(String part, String whole) {
    if (!PART.matcher(part).matches()) {
      throw new InvalidLoadRequestException(
          "table name '"
              + whole
              + "' is not a plain identifier: use letters, digits"
              + " and _ (not starting with a digit), optionally SCHEMA.TABLE");
    }
    if (part.length() > MAX_LENGTH) {
      throw new InvalidLoadRequestException(
          "table name '" + whole + "' has a part longer than " + MAX_LENGTH + " characters");
    }
  }

  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  public String table() {
    return table;
  }

  /** A table beside this one (same schema), e.g. a staging table. */
  public TableName sibling(String name) {
    String candidate = name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    return of(schema, candidate);
  }

  /** The quoted form for SQL text: {@code "schema"."table"}. */
  public String quoted() {
    return schema == null
        ? Identifiers.quote(table)
        : Identifiers.quote(schema) + "." + Identifiers.quote(table);
  }

  /** The name as typed (lower-cased), for messages and the load history. */
  @Override
  public String toString() {
    return schema == null ? table : schema + "." + table;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableName t && Objects.equals(schema, t.schema) && table.equals(t.table);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schema, table);
  }
}
