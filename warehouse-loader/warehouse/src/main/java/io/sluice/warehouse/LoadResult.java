package io.sluice.warehouse;

import io.sluice.storage.ByteSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What a load did. {@code rowsRead == rowsLoaded + rowsRejected} always holds; a load whose input
 * was already applied (same load id) is {@code skipped} and loads nothing.
 */
public record LoadResult(
    String target,
    TableName table,
    LoadMode mode,
    String loadId,
    long rowsRead,
    long rowsLoaded,
    long rowsRejected,
    long bytesRead,
    Duration elapsed,
    boolean skipped,
    Path quarantine) {

  public LoadResult {
    if (rowsRead != rowsLoaded + rowsRejected) {
      throw new WarehouseException(
          String.format(
              Locale.ROOT,
              "load into %s does not add up: read %d rows, loaded %d, rejected %d",
              table,
              rowsRead,
              rowsLoaded,
              rowsRejected));
    }
  }

  /** One line: records, bytes and time. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "load warehouse [%s] %s %s%s: read=%d loaded=%d rejected=%d, in=%s, time=%.1fs%s",
        target,
        mode.label(),
        table,
        skipped ? " (already loaded: load id " + loadId + ", skipped)" : "",
        rowsRead,
        rowsLoaded,
        rowsRejected,
        humanBytes(bytesRead),
        elapsed.toMillis() / 1000.0,
        rowsRejected > 0 ? ", rejected rows in " + quarantine : "");
  }

  static String humanBytes(long bytes) {
    return ByteSize.format(bytes);
  }
}
