package io.sluice.ml;

import io.sluice.storage.ByteSize;
import java.util.Locale;

/** What a batch prediction did: rows in, rows out (always equal), bytes written and time taken. */
public record PredictionSummary(
    String model,
    String input,
    String output,
    long inputRows,
    long writtenRows,
    long bytesWritten,
    double seconds) {

  public String toLine() {
    return String.format(
        Locale.ROOT,
        "ml predict [%s] done: read=%d written=%d records, out=%s, time=%.1fs -> %s",
        model,
        inputRows,
        writtenRows,
        bytes(bytesWritten),
        seconds,
        output);
  }

  static String bytes(long n) {
    return ByteSize.format(n);
  }
}
