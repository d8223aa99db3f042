package io.sluice.kv;

import io.sluice.storage.ByteSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What a load did. Every input record is accounted for: {@code read = written + rejected + failed}.
 *
 * @param rejected records that cannot be stored as given (bad row, missing key, over 400 KB), in
 *     the quarantine file
 * @param failed records the store kept refusing (throttled past the last attempt), in the
 *     quarantine file too
 * @param retries batch calls repeated for throttling or unprocessed items
 * @param quarantine the file of rejected and failed records, or null when there were none
 */
public record KvLoadResult(
    String table,
    long read,
    long written,
    long rejected,
    long failed,
    long retries,
    long inputBytes,
    long itemBytes,
    Duration elapsed,
    Path quarantine) {

  public boolean reconciles() {
    return read == written + rejected + failed;
  }

  public boolean succeeded() {
    return failed == 0 && reconciles();
  }

  /** One line: records, bytes, time, throughput. */
  public String summary() {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    return String.format(
        Locale.ROOT,
        "load kv %s %s: read=%d written=%d rejected=%d failed=%d retries=%d, in=%s items=%s, time=%.1fs (%.0f items/s)%s",
        table,
        succeeded() ? "done" : "FAILED",
        read,
        written,
        rejected,
        failed,
        retries,
        bytes(inputBytes),
        bytes(itemBytes),
        seconds,
        written / seconds,
        quarantine == null ? "" : ", quarantine=" + quarantine);
  }

  static String bytes(long n) {
    return ByteSize.format(n);
  }
}
