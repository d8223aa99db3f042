package io.sluice.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The load history table, {@value Warehouse#HISTORY_TABLE}: one row per (table, load id), written
 * in the load's own transaction, so a load is recorded exactly when its rows are visible. An append
 * whose id is already there is skipped: that is what makes repeating an append safe.
 */
final class LoadHistory {

  private static final String TABLE = Identifiers.quote(Warehouse.HISTORY_TABLE);

  private LoadHistory() {}

  static void ensureExists(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (table_name VARCHAR(200) NOT NULL, load_id VARCHAR(200) NOT NULL,"
              + " mode VARCHAR(16) NOT NULL, rows_loaded BIGINT NOT NULL, rows_rejected BIGINT NOT NULL,"
              + " loaded_at TIMESTAMP NOT NULL, PRIMARY KEY (table_name, load_id))");
    }
  }

  static boolean contains(Connection c, TableName table, String loadId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE table_name = ? AND load_id = ?")) {
      ps.setString(1, table.toString());
      ps.setString(2, loadId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Records a load; a repeated replace/upsert with the same id updates its row. */
  static void record(
      Connection c, TableName table, String loadId, LoadMode mode, long loaded, long rejected)
      throws SQLException {
    try (PreparedStatement del =
        c.prepareStatement("DELETE FROM " + TABLE + " WHERE table_name = ? AND load_id = ?")) {
      del.setString(1, table.toString());
      del.setString(2, loadId);
      del.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (table_name, load_id, mode, rows_loaded, rows_rejected, loaded_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
      ps.setString(1, table.toString());
      ps.setString(2, loadId);
      ps.setString(3, mode.label());
      ps.setLong(4, loaded);
      ps.setLong(5, rejected);
      ps.executeUpdate();
    }
  }

  /** Forgets a table's loads, when the table is replaced: its earlier appends are gone with it. */
  static void forget(Connection c, TableName table) throws SQLException {
    try (PreparedStatement del =
        c.prepareStatement("DELETE FROM " + TABLE + " WHERE table_name = ?")) {
      del.setString(1, table.toString());
      del.executeUpdate();
    }
  }
}
