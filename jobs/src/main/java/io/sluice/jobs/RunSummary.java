package io.sluice.jobs;

import io.sluice.storage.ByteSize;
import java.time.Duration;
import java.util.Locale;

/**
 * What a run did, as one line: records read, accepted and rejected (read = accepted + rejected),
 * records written to the output, bytes in and out, and wall time.
 *
 * <p>For record-preserving jobs (sort, ETL) every accepted record is written, so written equals
 * accepted; aggregating jobs (WordCount) write fewer output records than they accept.
 */
public record RunSummary(String job, Engine engine, Counts counts, Duration wallTime) {

  /** The counts a job reports. */
  public record Counts(
      long read, long accepted, long rejected, long written, long bytesIn, long bytesOut) {

    /** Fails unless every record read was accepted or rejected. */
    public Counts verified(String job) {
      if (read != accepted + rejected) {
        throw new AccountingException(
            String.format(
                Locale.ROOT,
                "%s: records do not add up: read=%d but accepted=%d + rejected=%d = %d",
                job,
                read,
                accepted,
                rejected,
                accepted + rejected));
      }
      return this;
    }
  }

  /** The one-line summary printed at the end of every run. */
  public String toLine() {
    return String.format(
        Locale.ROOT,
        "%s [%s] done: read=%d accepted=%d rejected=%d written=%d records, in=%s out=%s, time=%.1fs",
        job,
        engine,
        counts.read,
        counts.accepted,
        counts.rejected,
        counts.written,
        bytes(counts.bytesIn),
        bytes(counts.bytesOut),
        wallTime.toMillis() / 1000.0);
  }

  static String bytes(long n) {
    return ByteSize.format(n);
  }
}
