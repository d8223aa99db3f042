package io.sluice.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The rows of a query, each read into a value, for the catalog queries of the stage tables. */
final class SqlRows {

  /** Reads the current row of a result set into a value. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private SqlRows() {}

  /** Runs {@code sql} on {@code c} and reads every row, in the order the query returns them. */
  static <T> List<T> list(Connection c, String sql, RowReader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
    }
    return rows;
  }
}
