package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice load warehouse --mode append} of one CSV into one table: the entries are the
 * table's rows; leftovers are {@code _sluice_stage_*} tables. An append repeated after it committed
 * must be skipped (its load id is in the history), so a duplicate row is a failure.
 */
final class WarehouseCell implements KillCell {

  private static final String HISTORY = "sluice_load_history";

  private final String where;
  private final String table;
  private final Path input;
  private final String target;
  private final String jdbcUrl;
  private final Map<String, String> env;

  /** {@code target} as the CLI takes it; {@code jdbcUrl} how this JVM reads the same database. */
  WarehouseCell(String where, Path input, String target, String jdbcUrl, Map<String, String> env) {
    this(where, "orders", input, target, jdbcUrl, env);
  }

  WarehouseCell(
      String where,
      String table,
      Path input,
      String target,
      String jdbcUrl,
      Map<String, String> env) {
    this.where = where;
    this.table = table;
    this.input = input;
    this.target = target;
    this.jdbcUrl = jdbcUrl;
    this.env = env;
  }

  @Override
  public String where() {
    return where;
  }

  @Override
  public void reset() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("DROP TABLE IF EXISTS " + HISTORY);
      for (String stage : stageTables(c)) {
        s.execute("DROP TABLE IF EXISTS \"" + stage + "\"");
      }
    }
  }

  @Override
  public SluiceProcess.Builder command() {
    return LoadStep.command(
        "warehouse",
        input,
        table,
        "quarantine-" + table + ".csv",
        env,
        "--mode",
        "append",
        "--target",
        target);
  }

  @Override
  public List<String> visible() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      if (!exists(c, table)) {
        return rows;
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.append(i == 1 ? "" : ",").append(rs.getString(i));
          }
          rows.add(row.toString());
        }
      }
    }
    return rows;
  }

  @Override
  public long leftovers() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      return stageTables(c).size();
    }
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (var ps =
        c.prepareStatement("SELECT 1 FROM information_schema.tables WHERE table_name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static List<String> stageTables(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_name LIKE '\\_sluice\\_stage\\_%' ESCAPE '\\'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
