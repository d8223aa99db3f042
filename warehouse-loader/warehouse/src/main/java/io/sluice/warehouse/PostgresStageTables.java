package io.sluice.warehouse;

import io.sluice.storage.leftovers.Leftover;
import io.sluice.storage.leftovers.Owner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Who owns PostgreSQL stage tables, and when they are abandoned. A load holds a session-level
 * advisory lock on its target table from start to end, so two loads into one table run one after
 * the other and the server releases the lock when a killed loader's session ends. Each stage table
 * carries a comment naming its target and its {@link Owner}. A stage table is abandoned when no
 * load into its target holds the lock, or when its owner is gone.
 */
final class PostgresStageTables {

  /** The first key of every Sluice advisory lock; the second is the hash of the table. */
  private static final int LOCK_CLASS = 0x51CE;

  private static final Pattern COMMENT = Pattern.compile("sluice stage of (\\S+), owner (\\S+)");

  private PostgresStageTables() {}

  /**
   * The table name the lock is keyed on: with its schema, so {@code t} and {@code public.t} meet.
   */
  static String lockName(TableName table) {
    return table.schema().orElse("public") + "." + table.table();
  }

  /**
   * Takes the load lock of {@code table} for the session of {@code c} (released when it ends),
   * waiting for a load into the same table that holds it.
   */
  static void lock(Connection c, TableName table, Logger log) throws SQLException {
    if (tryLock(c, lockName(table))) {
      return;
    }
    log.info("another load into {} is running; waiting for it to finish", table);
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
      ps.setInt(1, LOCK_CLASS);
      ps.setString(2, lockName(table));
      ps.execute();
    }
  }

  private static boolean tryLock(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
      ps.setInt(1, LOCK_CLASS);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * Creates the load history table if it is missing, in a transaction of its own under {@link
   * #lockCreation}.
   */
  static void createLoadHistory(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      lockCreation(c, Warehouse.HISTORY_TABLE);
      LoadHistory.ensureExists(c);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * Creates {@code schema} if it is missing, in the caller's transaction, under {@link
   * #lockCreation}.
   */
  static void createSchema(Connection c, String schema) throws SQLException {
    lockCreation(c, "schema " + schema);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
    }
  }

  /**
   * Takes a lock on creating {@code name} until the transaction ends. PostgreSQL's {@code CREATE
   * ... IF NOT EXISTS} is not safe against a concurrent create of the same name: loads into two
   * different tables hold different load locks, and when both create the history table or a schema
   * one of them fails on a catalogue's unique index.
   */
  private static void lockCreation(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
      ps.setInt(1, LOCK_CLASS);
      ps.setString(2, name);
      ps.execute();
    }
  }

  /** Records the target and owner of a new stage table in its comment. */
  static void comment(Connection c, TableName stage, TableName table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "COMMENT ON TABLE "
              + stage.quoted()
              + " IS 'sluice stage of "
              + lockName(table)
              + ", owner "
              + Owner.current().token().replace("'", "''")
              + "'");
    }
  }

  /**
   * With the load lock of {@code table} held: drops every stage table of it (their loads are over),
   * logging one line each.
   */
  static void dropAbandoned(Connection c, TableName table, Logger log) throws SQLException {
    Instant now = Instant.now();
    for (Found f : list(c)) {
      if (f.target.equals(lockName(table))) {
        StageTables.drop(c, f.stage);
        log.info("removed the abandoned {}", f.leftover(c, null).describe(now));
      }
    }
  }

  /** Every stage table of the database, each kept while a live load may use it. */
  static StageTables scan(Connection c, String where) throws SQLException {
    Instant now = Instant.now();
    Map<String, Boolean> locked = new HashMap<>();
    List<Leftover> found = new ArrayList<>();
    for (Found f : list(c)) {
      // Locked here, the target has no running load: this session keeps one from starting.
      boolean free = locked.computeIfAbsent(f.target, t -> tryLockUnchecked(c, t));
      String inUse =
          free
              ? null
              : f.owner == null || f.owner.mayBeAlive(now)
                  ? "a load into " + f.target + " is running"
                  : null;
      found.add(f.leftover(c, inUse, where));
    }
    return new StageTables(c, found);
  }

  private static boolean tryLockUnchecked(Connection c, String name) {
    try {
      return tryLock(c, name);
    } catch (SQLException e) {
      throw new WarehouseException(
          "postgresql: cannot take the load lock of " + name + ": " + e.getMessage(), e);
    }
  }

  /** One stage table: its name, size, and what its comment (or, without one, its name) says. */
  private record Found(TableName stage, String target, Owner owner, long bytes) {

    Leftover leftover(Connection c, String inUse) {
      return leftover(c, inUse, "postgresql");
    }

    Leftover leftover(Connection c, String inUse, String where) {
      return new Leftover(
          "stage table",
          where + " " + stage + " (of " + target + ")",
          owner,
          owner == null ? 0 : owner.createdMillis(),
          bytes,
          inUse,
          () -> StageTables.drop(c, stage));
    }
  }

  private static List<Found> list(Connection c) throws SQLException {
    return SqlRows.list(
        c,
        "SELECT n.nspname, t.relname, obj_description(t.oid, 'pg_class'),"
            + " pg_total_relation_size(t.oid) FROM pg_class t"
            + " JOIN pg_namespace n ON n.oid = t.relnamespace"
            + " WHERE t.relkind = 'r' AND t.relpersistence = 'p'"
            + " AND left(t.relname, "
            + StageTables.PREFIX.length()
            + ") = '"
            + StageTables.PREFIX
            + "' ORDER BY 1, 2",
        PostgresStageTables::found);
  }

  /** One row of {@link #list}: schema, name, comment (target and owner), size in bytes. */
  private static Found found(ResultSet rs) throws SQLException {
    String schema = rs.getString(1);
    String name = rs.getString(2);
    Matcher m = COMMENT.matcher(rs.getString(3) == null ? "" : rs.getString(3));
    String target;
    Owner owner = null;
    if (m.matches()) {
      target = m.group(1);
      owner = Owner.parse(m.group(2)).orElse(null);
    } else {
      // Older releases: _sluice_stage_<8 characters>_<table>, beside the table.
      String rest = name.substring(StageTables.PREFIX.length());
      target = schema + "." + (rest.length() > 9 ? rest.substring(9) : rest);
    }
    return new Found(TableName.of(schema, name), target, owner, rs.getLong(4));
  }
}
