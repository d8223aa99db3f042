/**
 * Loads job outputs into SQL warehouses (DuckDB, PostgreSQL/Redshift) and key-value stores. The
 * module exists so the build's layout and dependency direction are fixed from the start; its
 * contents arrive with the warehouse issue.
 */
package io.sluice.warehouse;
