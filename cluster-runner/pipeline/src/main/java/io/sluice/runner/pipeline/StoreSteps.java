package io.sluice.runner.pipeline;

import io.sluice.kv.DynamoDbLoader;
import io.sluice.kv.KvLoadRequest;
import io.sluice.kv.KvLoadResult;
import io.sluice.storage.StorageUri;
import io.sluice.warehouse.InputFormat;
import io.sluice.warehouse.LoadInput;
import io.sluice.warehouse.LoadMode;
import io.sluice.warehouse.LoadRequest;
import io.sluice.warehouse.LoadResult;
import io.sluice.warehouse.QueryResult;
import io.sluice.warehouse.TableName;
import io.sluice.warehouse.Warehouse;
import io.sluice.warehouse.WarehouseTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The steps that load into or query a store: load-warehouse, load-kv and sql-check (against the
 * step's warehouse, or the pipeline's).
 */
final class StoreSteps {

  /** Rows a sql-check reads back (it checks the first value or the row count). */
  static final int SQL_CHECK_MAX_ROWS = 10_000;

  private final PipelineEnvironment env;
  private final PrintWriter progress;

  StoreSteps(PipelineEnvironment env) {
    this.env = env;
    this.progress = env.progress();
  }

  StepResult loadWarehouse(PipelineStep.LoadWarehouse w) {
    String target = w.target() != null ? w.target() : env.warehouse();
    StorageUri location = StorageUri.parse(w.input());
    try (Warehouse warehouse = WarehouseTarget.open(target, System.getenv())) {
      LoadInput in =
          LoadInput.resolve(
              location,
              w.format() == null ? null : InputFormat.parse(w.format()),
              env.hadoopConf());
      long started = System.nanoTime();
      TableName table = TableName.parse(w.table());
      LoadRequest request =
          LoadRequest.builder()
              .input(in)
              .table(table)
              .mode(LoadMode.parse(w.mode()))
              .keyColumns(w.key().isEmpty() ? null : w.key())
              .quarantine(env.quarantineDir().resolve(w.table() + ".csv"))
              .progress(
                  (rows, bytes) -> {
                    progress.printf(
                        Locale.ROOT,
                        "      %s: %,d rows, %,d bytes read, %.1fs%n",
                        w.name(),
                        rows,
                        bytes,
                        (System.nanoTime() - started) / 1e9);
                    progress.flush();
                  },
                  LoadRequest.DEFAULT_PROGRESS_INTERVAL)
              .build();
      LoadResult r = warehouse.load(request);
      return new StepResult(
          w.name(),
          w.kind(),
          r.rowsRead(),
          r.rowsLoaded(),
          r.rowsRejected(),
          r.rowsLoaded(),
          r.bytesRead(),
          -1,
          Duration.ZERO,
          r.summary(),
          null);
    }
  }

  StepResult loadKv(PipelineStep.LoadKv k) {
    var store = env.kvStore();
    Path quarantine = env.quarantineDir().resolve("kv-" + k.table() + ".jsonl");
    KvLoadRequest request =
        new KvLoadRequest(
            k.input(), k.table(), k.key(), k.sortKey(), quarantine, PipelineRunner.PROGRESS_EVERY);
    KvLoadResult r = new DynamoDbLoader(store, store.config(), env.hadoopConf()).load(request);
    if (!r.succeeded()) {
      throw new IllegalStateException(r.summary());
    }
    return new StepResult(
        k.name(),
        k.kind(),
        r.read(),
        r.written(),
        r.rejected(),
        r.written(),
        r.inputBytes(),
        r.itemBytes(),
        Duration.ZERO,
        r.summary(),
        null);
  }

  StepResult sqlCheck(PipelineStep.SqlCheck c) {
    String target = c.target() != null ? c.target() : env.warehouse();
    QueryResult result;
    try (Warehouse warehouse = WarehouseTarget.open(target, System.getenv())) {
      result = warehouse.query(c.query(), SQL_CHECK_MAX_ROWS);
    }
    long rows = result.rows().size();
    if (c.rows() != null && !c.rows().test(rows)) {
      throw new SqlCheckFailedException(
          c.name() + ": the query returned " + rows + " row(s), expected rows " + c.rows());
    }
    if (c.expect() != null) {
      Object first =
          rows == 0 || result.rows().get(0).isEmpty() ? null : result.rows().get(0).get(0);
      if (!c.expect().test(first)) {
        throw new SqlCheckFailedException(
            c.name()
                + ": the query answered "
                + (rows == 0 ? "no rows" : first)
                + ", expected "
                + c.expect());
      }
    }
    return new StepResult(
        c.name(),
        c.kind(),
        rows,
        rows,
        0,
        -1,
        0,
        0,
        Duration.ZERO,
        "check passed ("
            + rows
            + " row(s)"
            + (c.expect() != null ? ", first value " + c.expect() : "")
            + ")",
        result);
  }
}
