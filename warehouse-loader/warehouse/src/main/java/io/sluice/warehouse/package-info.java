/**
 * Loads Parquet and CSV data into SQL warehouses: the embedded DuckDB (the default), PostgreSQL
 * over {@code COPY ... FROM STDIN}, and SQL generation for Redshift's {@code COPY ... FROM
 * 's3://...'}.
 *
 * <p>The contract is {@link io.sluice.warehouse.Warehouse}: {@code load(LoadRequest)} returns a
 * {@link io.sluice.warehouse.LoadResult} whose counts add up (read = loaded + rejected), and every
 * load is applied in one transaction, so a failed load leaves the target as it was.
 */
package io.sluice.warehouse;
