/**
 * The {@code etl} job: CSV (with header) or JSON Lines to partitioned Parquet against a declared
 * schema, on Spark ({@link io.sluice.jobs.etl.EtlSpark}) or on MapReduce with parquet-hadoop alone
 * ({@link io.sluice.jobs.etl.EtlMapReduce}, for clusters without Spark).
 *
 * <pre>
 * sluice run etl --engine spark --input sample-data/etl/orders.csv --schema sample-data/etl/orders.schema.yaml --output /tmp/orders
 * </pre>
 *
 * <h2>Schema</h2>
 *
 * A JSON or YAML file ({@link io.sluice.jobs.etl.EtlSchema}): {@code fields} (name, type: string,
 * int, long, double, boolean, date, timestamp; nullable, default true), {@code key} (columns to
 * de-duplicate on, never null) and {@code partitionBy} (a string, int, long, boolean or date
 * column).
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Values are trimmed; empty text is a missing value (null). Numbers are plain decimals, dates
 *       {@code yyyy-MM-dd}, timestamps ISO-8601 with 'T' or a space, without an offset meaning UTC;
 *       booleans true/false, yes/no, 1/0 ({@link io.sluice.jobs.etl.FieldType}).
 *   <li>CSV: the first line of every file is its header; schema fields are found by name, other
 *       columns are ignored. A record is one line (no line breaks inside quotes). A schema column
 *       missing from a header stops the run before it starts, naming column and file.
 *   <li>JSON Lines: one object per line; absent fields are null, other fields ignored.
 *   <li>De-duplication: of the rows with the same key, the one read last is kept: files in path
 *       order, then lines in order.
 *   <li>Output: Hive-style {@code column=value} directories spelled as Spark spells them (null is
 *       {@code __HIVE_DEFAULT_PARTITION__}), written to a staging directory and moved into place on
 *       success (by the job base, {@link io.sluice.jobs.SluiceJob}); a failed run leaves an earlier
 *       output as it was.
 *   <li>An input without files is refused (exit 2) rather than committing an empty output.
 * </ul>
 *
 * <h2>Accounting</h2>
 *
 * read = accepted + rejected: accepted rows fit the schema, duplicates included; rejected rows are
 * in {@code _rejected/} with the field (null when the whole line failed) and the reason. written =
 * accepted - duplicates; the duplicates dropped are logged. CSV headers are not records.
 */
package io.sluice.jobs.etl;
