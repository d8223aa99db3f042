package io.sluice.runner.warehouse;

import io.sluice.warehouse.Warehouse;
import io.sluice.warehouse.WarehouseTarget;
import picocli.CommandLine.Option;

/**
 * {@code --target TARGET}: the warehouse that {@code sluice sql} and {@code load warehouse} use.
 */
final class WarehouseTargetOption {

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description =
          "duckdb:PATH (default: "
              + WarehouseTarget.DEFAULT
              + ") or postgresql://user:password@host:port/database (what the URL leaves out from"
              + " PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE and ~/.pgpass, as for"
              + " psql); default from SLUICE_WAREHOUSE")
  String target;

  /** Connects to the target: the option, else SLUICE_WAREHOUSE, else the embedded DuckDB. */
  Warehouse open() {
    String env = System.getenv("SLUICE_WAREHOUSE");
    String chosen =
        target != null ? target : env == null || env.isBlank() ? WarehouseTarget.DEFAULT : env;
    return WarehouseTarget.open(chosen, System.getenv());
  }
}
