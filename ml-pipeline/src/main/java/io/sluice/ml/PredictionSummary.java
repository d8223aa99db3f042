package io.sluice.ml;

import java.util.Locale;

/** What a batch prediction did: rows in, rows out (always equal), bytes written and time taken. */
public record PredictionSummary(String model, String input, String output, long inputRows, long writtenRows,
    long bytesWritten, double seconds) {

  public String toLine() {
    return String.format(Locale.ROOT, "ml predict [%s] done: read=%d written=%d records, out=%s, time=%.1fs -> %s",
        model, inputRows, writtenRows, bytes(bytesWritten), seconds, output);
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
