package io.sluice.warehouse;

import java.util.List;
import java.util.function.Consumer;

/**
 * A SQL warehouse Sluice loads into. Implementations apply each load in one transaction (a failed
 * load leaves the target as it was) and record it in a load history table, {@value #HISTORY_TABLE},
 * so repeating a load does not duplicate rows.
 */
public interface Warehouse extends AutoCloseable {

  /** The load history: one row per applied load (table, load id, mode, rows, time). */
  String HISTORY_TABLE = "sluice_load_history";

  /** A short name for summaries, e.g. {@code duckdb} or {@code postgresql}. */
  String kind();

  LoadResult load(LoadRequest request);

  /**
   * Runs one SQL statement; returns at most {@code maxRows} rows (a statement without rows: none).
   */
  QueryResult query(String sql, int maxRows);

  /**
   * Runs {@code statements} in order on one session, as psql runs a file: each commits on its own
   * and its result (at most {@code maxRows} rows) goes to {@code onResult} before the next runs.
   *
   * @throws StatementFailedException naming the first statement that failed
   */
  void run(List<SqlScript.Statement> statements, int maxRows, Consumer<QueryResult> onResult);

  /**
   * The stage tables that killed loads left behind, each saying whether a running load may still
   * use it; the scan holds a session (and in PostgreSQL the load locks of the tables whose stage
   * tables are free) until closed.
   */
  StageTables stageTables();

  @Override
  void close();
}
