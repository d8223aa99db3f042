package io.sluice.warehouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the JDBC warehouses share: queries, table lookups, turning SQL errors into messages, and the
 * steps of a load that do not depend on how the rows get in (skipping a repeated load, checking the
 * input against the target and the upsert keys, merging a staging table).
 */
abstract class JdbcWarehouse implements Warehouse {

  private final Logger log = LoggerFactory.getLogger(getClass());

  /**
   * The schema a table without one lives in ({@code public} in PostgreSQL, {@code main} in DuckDB).
   */
  private final String defaultSchema;

  protected JdbcWarehouse(String defaultSchema) {
    this.defaultSchema = defaultSchema;
  }

  protected abstract Connection connect() throws SQLException;

  @Override
  public void close() {
    // Connections are per operation: nothing (in DuckDB, no file lock) is held between them.
  }

  @Override
  public StageTables stageTables() {
    try {
      Connection c = connect();
      try {
        return StageTables.unlocked(c, kind());
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(kind() + ": cannot list the stage tables: " + firstLine(e.getMessage()), e);
    }
  }

  @Override
  public QueryResult query(String sql, int maxRows) {
    if (sql == null || sql.isBlank()) {
      throw new InvalidLoadRequestException("empty SQL statement");
    }
    try (Connection c = connect()) {
      return result(c, sql, maxRows);
    } catch (SQLException e) {
      throw failure(kind() + ": " + firstLine(e.getMessage()), e);
    }
  }

  @Override
  public void run(
      List<SqlScript.Statement> statements, int maxRows, Consumer<QueryResult> onResult) {
    try (Connection c = connect()) {
      for (SqlScript.Statement statement : statements) {
        QueryResult result;
        try {
          result = result(c, statement.sql(), maxRows);
        } catch (SQLException e) {
          throw new StatementFailedException(
              statement, kind() + ": " + firstLine(e.getMessage()), e);
        }
        onResult.accept(result);
      }
    } catch (SQLException e) {
      throw failure(kind() + ": " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * A failure the user fixes (a wrong password or user, no such database: SQLSTATE classes 28 and
   * 3D) as bad input, anything else as a failed run.
   */
  static WarehouseException failure(String message, SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("28") || state.startsWith("3D"))
        ? new InvalidLoadRequestException(message, e)
        : new WarehouseException(message, e);
  }

  /**
   * Runs one statement on {@code c}: its rows, or for a statement without rows its update count.
   */
  private static QueryResult result(Connection c, String sql, int maxRows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setMaxRows(maxRows + 1);
      if (!s.execute(sql)) {
        return new QueryResult(
            List.of("updated"), List.of(List.of((Object) (long) s.getUpdateCount())), false);
      }
      try (ResultSet rs = s.getResultSet()) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.add(md.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
          if (rows.size() == maxRows) {
            truncated = true;
            break;
          }
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
        return new QueryResult(columns, rows, truncated);
      }
    }
  }

  protected boolean tableExists(Connection c, TableName table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
      ps.setString(1, table.schema().orElse(defaultSchema));
      ps.setString(2, table.table());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The columns of an existing table, in order, lower-cased name to SQL type name. */
  protected List<String[]> tableColumns(Connection c, TableName table) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, table.schema().orElse(defaultSchema));
      ps.setString(2, table.table());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT)});
        }
      }
    }
    return out;
  }

  protected static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  protected static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The first line of a driver's message, any password in it hidden: every error path of the
   * warehouses goes through here, and drivers may echo a connection URL.
   */
  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return Redaction.redact(nl < 0 ? message : message.substring(0, nl));
  }

  /** The key columns of an upsert must be columns of the input; names them if not. */
  static void checkKeys(List<String> keys, List<String> inputColumns, TableName table) {
    for (String key : keys) {
      if (!inputColumns.contains(key)) {
        throw new InvalidLoadRequestException(
            "key column '"
                + key
                + "' is not a column of the input for "
                + table
                + " (input columns: "
                + String.join(", ", inputColumns)
                + ")");
      }
    }
  }

  /** The part of a load that puts the rows in, once the target table was looked at. */
  @FunctionalInterface
  interface TableLoad {
    /**
     * @param exists whether the table exists
     * @param intoExisting whether the rows merge into it ({@link #intoExisting})
     */
    LoadResult into(boolean exists, boolean intoExisting) throws SQLException, IOException;
  }

  /**
   * Looks at {@code r}'s table, then runs {@code load} on it: a load the table already holds (a
   * repeated create or append) is skipped, and a create on an existing table refused, before any
   * rows move.
   */
  protected LoadResult loadIntoTable(Connection c, LoadRequest r, long start, TableLoad load)
      throws SQLException, IOException {
    boolean exists = tableExists(c, r.table());
    if (alreadyLoaded(c, r, exists)) {
      return skipped(r, start);
    }
    checkCreatable(r, exists);
    return load.into(exists, intoExisting(r.mode(), exists));
  }

  /**
   * Whether {@code r} (a create or an append) is already in the existing table: a repeated load is
   * a no-op.
   */
  static boolean alreadyLoaded(Connection c, LoadRequest r, boolean exists) throws SQLException {
    return (r.mode() == LoadMode.CREATE || r.mode() == LoadMode.APPEND)
        && exists
        && LoadHistory.contains(c, r.table(), r.loadId());
  }

  /** The result of a load skipped because its table already holds it. */
  protected LoadResult skipped(LoadRequest r, long start) {
    log.info(
        "{} already holds load {} ({}): skipped",
        r.table(),
        r.loadId(),
        r.input().location().original());
    return new LoadResult(
        kind(), r.table(), r.mode(), r.loadId(), 0, 0, 0, 0, elapsed(start), true, null);
  }

  /** A create fails on an existing table (unless it was this same load, skipped before). */
  protected void checkCreatable(LoadRequest r, boolean exists) {
    if (r.mode() == LoadMode.CREATE && exists) {
      throw new InvalidLoadRequestException(
          "table "
              + r.table()
              + " already exists in "
              + kind()
              + "; use --mode replace, append or upsert");
    }
  }

  /**
   * Whether the rows are merged into the existing table (append, upsert) rather than make a new
   * one.
   */
  static boolean intoExisting(LoadMode mode, boolean exists) {
    return exists && (mode == LoadMode.APPEND || mode == LoadMode.UPSERT);
  }

  /**
   * Every input column must be a column of the existing target table; names the first that is not.
   */
  static void checkColumnsOf(
      TableName table, List<String> inputColumns, List<String> targetColumns) {
    for (String col : inputColumns) {
      if (!targetColumns.contains(col)) {
        throw new InvalidLoadRequestException(
            "input column '"
                + col
                + "' is not a column of "
                + table
                + " (its columns: "
                + String.join(", ", targetColumns)
                + ")");
      }
    }
  }

  /**
   * Upsert keys must be unique and non-null in the input ({@code relation}), or the merge would
   * duplicate or drop rows.
   */
  static void checkUpsertKeys(Connection c, String relation, List<String> keys, TableName table)
      throws SQLException {
    List<String> nullChecks = new ArrayList<>();
    for (String k : keys) {
      nullChecks.add(Identifiers.quote(k) + " IS NULL");
    }
    long nulls =
        count(c, "SELECT count(*) FROM " + relation + " WHERE " + String.join(" OR ", nullChecks));
    if (nulls > 0) {
      throw new InvalidLoadRequestException(
          "upsert into "
              + table
              + ": "
              + nulls
              + " input rows have a NULL key ("
              + String.join(", ", keys)
              + ")");
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + columnList(keys)
                    + ", count(*) FROM "
                    + relation
                    + " GROUP BY "
                    + columnList(keys)
                    + " HAVING count(*) > 1 LIMIT 1")) {
      if (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= keys.size(); i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        throw new InvalidLoadRequestException(
            "upsert into "
                + table
                + ": key ("
                + String.join(", ", keys)
                + ") = ("
                + String.join(", ", values)
                + ") occurs "
                + rs.getLong(keys.size() + 1)
                + " times in the input; keys must be unique");
      }
    }
  }

  /**
   * Inserts every row of the staging table {@code stage} into {@code table}, then drops the staging
   * table.
   */
  static void mergeStage(Connection c, String stage, TableName table, List<String> columns)
      throws SQLException {
    execute(
        c,
        "INSERT INTO "
            + table.quoted()
            + " ("
            + columnList(columns)
            + ") SELECT "
            + columnList(columns)
            + " FROM "
            + stage);
    execute(c, "DROP TABLE " + stage);
  }

  static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** {@code t.k1 = s.k1 AND t.k2 = s.k2}. */
  static String keyMatch(List<String> keys, String left, String right) {
    List<String> parts = new ArrayList<>();
    for (String k : keys) {
      parts.add(left + "." + Identifiers.quote(k) + " = " + right + "." + Identifiers.quote(k));
    }
    return String.join(" AND ", parts);
  }

  static String columnList(List<String> columns) {
    List<String> quoted = new ArrayList<>();
    for (String c : columns) {
      quoted.add(Identifiers.quote(c));
    }
    return String.join(", ", quoted);
  }
}
