package io.sluice.warehouse;

/** The SQL engines whose column types Parquet schemas are mapped to. */
public enum SqlDialect {
  POSTGRESQL,
  REDSHIFT
}
