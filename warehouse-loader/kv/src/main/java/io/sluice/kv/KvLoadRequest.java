package io.sluice.kv;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One load: the input, the table, the key columns and where rejected records go.
 *
 * @param partitionKey the key column; its type is the column's ({@link ItemSource#keyType}) unless
 *     given as {@code name:S|N|B}
 * @param sortKey the sort key column, or null
 * @param quarantine the JSON-lines file rejected records are written to (created only if there are
 *     any)
 * @param progressEvery how often progress is logged
 */
public record KvLoadRequest(
    String input,
    String table,
    String partitionKey,
    String sortKey,
    Path quarantine,
    Duration progressEvery) {

  public KvLoadRequest {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(quarantine, "quarantine");
    Objects.requireNonNull(progressEvery, "progressEvery");
    validateTableName(table);
    if (partitionKey == null || partitionKey.isBlank()) {
      throw new IllegalArgumentException("a key column is required (--key COLUMN)");
    }
  }

  /** DynamoDB's table name rule: 3..255 of letters, digits, '_', '-', '.'. */
  public static void validateTableName(String table) {
    if (table == null || !table.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw new IllegalArgumentException(
          "table name '" + table + "' is not valid: 3..255 letters, digits, '_', '-' or '.'");
    }
  }
}
