package io.sluice.runner.pipeline;

import picocli.CommandLine.Option;

/** {@code --warehouse}: where the pipeline's warehouse steps that name none load and query. */
final class DefaultWarehouseOption {

  @Option(
      names = "--warehouse",
      paramLabel = "TARGET",
      description =
          "default warehouse of load-warehouse/sql-check steps that name none (default: SLUICE_WAREHOUSE, else duckdb)")
  String warehouse;

  /** The option, else SLUICE_WAREHOUSE, else null (the pipeline's own default, duckdb). */
  String target() {
    return warehouse != null ? warehouse : System.getenv("SLUICE_WAREHOUSE");
  }
}
