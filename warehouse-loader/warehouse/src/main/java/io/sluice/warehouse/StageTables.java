package io.sluice.warehouse;

import io.sluice.storage.leftovers.Leftover;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The {@code _sluice_stage_*} tables that killed loads left in a warehouse, found on one session
 * that stays open until {@link #close()}: in PostgreSQL that session holds the advisory locks that
 * keep a load from starting into a table whose stage tables are being removed.
 */
public final class StageTables implements AutoCloseable {

  /** What every stage table's name starts with. */
  static final String PREFIX = "_sluice_stage_";

  private final Connection session;
  private final List<Leftover> found;

  StageTables(Connection session, List<Leftover> found) {
    this.session = session;
    this.found = List.copyOf(found);
  }

  public List<Leftover> found() {
    return found;
  }

  /**
   * The persistent stage tables of a warehouse where no load can be running (DuckDB: opening the
   * file locks out every other writer); DuckDB's own stage tables are TEMP and die with their
   * session, so these are only ever left by hand or by older releases.
   */
  static StageTables unlocked(Connection c, String where) throws SQLException {
    List<Leftover> found =
        SqlRows.list(
            c,
            "SELECT table_schema, table_name FROM information_schema.tables"
                + " WHERE left(table_name, "
                + PREFIX.length()
                + ") = '"
                + PREFIX
                + "' AND table_type = 'BASE TABLE' ORDER BY 1, 2",
            rs -> {
              TableName table = TableName.of(rs.getString(1), rs.getString(2));
              return new Leftover(
                  "stage table", where + " " + table, null, 0, -1, null, () -> drop(c, table));
            });
    return new StageTables(c, found);
  }

  static void drop(Connection c, TableName table) {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table.quoted());
    } catch (SQLException e) {
      throw new WarehouseException(
          "cannot drop the stage table " + table + ": " + JdbcWarehouse.firstLine(e.getMessage()),
          e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (SQLException e) {
      // Closing ends the session: the server releases its locks either way.
    }
  }
}
