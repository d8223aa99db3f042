package io.sluice.warehouse;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which warehouse a command talks to, as users write it: {@code duckdb:PATH} (default {@code
 * duckdb:.sluice/warehouse.duckdb}), {@code postgresql://user:password@host:port/db} or {@code
 * jdbc:postgresql://...}.
 */
public final class WarehouseTarget {

  public static final String DEFAULT = "duckdb:" + DuckDbWarehouse.DEFAULT_FILE;

  private WarehouseTarget() {}

  public static Warehouse open(String target, Map<String, String> env) {
    String t = target == null || target.isBlank() ? DEFAULT : target.trim();
    if (t.startsWith("duckdb:")) {
      String path = t.substring("duckdb:".length());
      if (path.isBlank()) {
        throw new InvalidLoadRequestException(
            "duckdb target needs a file: duckdb:PATH, e.g. " + DEFAULT);
      }
      return new DuckDbWarehouse(Path.of(path));
    }
    if (t.startsWith("postgresql:")
        || t.startsWith("postgres:")
        || t.startsWith("jdbc:postgresql:")) {
      return new PostgresWarehouse(PostgresTarget.parse(t, env));
    }
    throw new InvalidLoadRequestException(
        "unknown warehouse target '"
            + PostgresTarget.redact(t)
            + "'; use duckdb:PATH or postgresql://user:password@host:port/database");
  }
}
