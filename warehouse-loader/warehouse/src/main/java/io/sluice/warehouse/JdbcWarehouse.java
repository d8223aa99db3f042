package io.sluice.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the JDBC warehouses share: queries, table lookups, and turning SQL errors into messages. */
abstract class JdbcWarehouse implements Warehouse {

  protected abstract Connection connect() throws SQLException;

  /** The schema a table without one lives in ({@code public} in PostgreSQL, {@code main} in DuckDB). */
  protected abstract String defaultSchema();

  @Override
  public QueryResult query(String sql, int maxRows) {
    if (sql == null || sql.isBlank()) {
      throw new InvalidLoadRequestException("empty SQL statement");
    }
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.setMaxRows(maxRows + 1);
      if (!s.execute(sql)) {
        return new QueryResult(List.of("updated"), List.of(List.of((Object) (long) s.getUpdateCount())), false);
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
    } catch (SQLException e) {
      throw new WarehouseException(kind() + ": " + firstLine(e.getMessage()), e);
    }
  }

  protected boolean tableExists(Connection c, TableName table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
      ps.setString(1, table.schema().orElse(defaultSchema()));
      ps.setString(2, table.table());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The columns of an existing table, in order, lower-cased name to SQL type name. */
  protected List<String[]> tableColumns(Connection c, TableName table) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
        + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, table.schema().orElse(defaultSchema()));
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
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** The key columns of an upsert must be columns of the input; names them if not. */
  static void checkKeys(List<String> keys, List<String> inputColumns, TableName table) {
    for (String key : keys) {
      if (!inputColumns.contains(key)) {
        throw new InvalidLoadRequestException("key column '" + key + "' is not a column of the input for " + table
            + " (input columns: " + String.join(", ", inputColumns) + ")");
      }
    }
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
