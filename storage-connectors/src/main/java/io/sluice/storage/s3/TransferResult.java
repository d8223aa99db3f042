package io.sluice.storage.s3;

import java.time.Duration;
import java.util.Locale;

/**
 * What a completed transfer did.
 *
 * @param parts how many requests carried the content: 1 for a single PUT or GET, the part count for
 *     multipart uploads and ranged downloads
 * @param eTag the object's ETag (without quotes)
 * @param versionId the version written or read; null when the bucket is not versioned
 */
public record TransferResult(
    Direction direction,
    String bucket,
    String key,
    long bytes,
    Duration elapsed,
    int parts,
    String eTag,
    String versionId) {

  /** Which way the bytes went. */
  public enum Direction {
    UPLOAD("uploaded"),
    DOWNLOAD("downloaded"),
    COPY("copied");

    private final String verb;

    Direction(String verb) {
      this.verb = verb;
    }

    public String verb() {
      return verb;
    }
  }

  /** Throughput in MiB per second (0 for an instantaneous transfer). */
  public double mibPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : bytes / (1024.0 * 1024.0) / seconds;
  }

  /** {@code uploaded 209715200 bytes in 3.2 s (62.5 MiB/s)}. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s %d bytes in %.1f s (%.1f MiB/s)",
        direction.verb(),
        bytes,
        elapsed.toNanos() / 1e9,
        mibPerSecond());
  }
}
