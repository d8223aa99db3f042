package io.sluice.runner.s3;

import io.sluice.storage.s3.TransferListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place at most five times a second. Transfer threads
 * report concurrently and not in order, so it keeps the largest value seen.
 */
final class ProgressBar implements TransferListener {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final String label;
  private final long started = System.nanoTime();
  private long shown = -1;
  private long lastDraw;
  private long best;
  private final long grandTotal;
  private boolean drawn;
  private int lastLength;

  ProgressBar(PrintWriter err, String label, long total) {
    this.err = err;
    this.label = label;
    this.grandTotal = total;
  }

  /**
   * A listener for one transfer that counts after the {@code offset} bytes of earlier ones (sync).
   */
  TransferListener from(long offset) {
    return (transferred, total) -> update(offset + transferred);
  }

  @Override
  public void onProgress(long transferred, long total) {
    update(transferred);
  }

  private synchronized void update(long value) {
    best = Math.max(best, value);
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS || best == grandTotal && shown != best) {
      draw(now);
    }
  }

  private void draw(long now) {
    lastDraw = now;
    shown = best;
    double fraction = grandTotal <= 0 ? 1 : Math.min(1, (double) best / grandTotal);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = (now - started) / 1e9;
    double rate = seconds <= 0 ? 0 : best / (1024.0 * 1024.0) / seconds;
    String line =
        String.format(
            Locale.ROOT,
            "%s [%s%s] %3d%% %s / %s %.1f MiB/s",
            label,
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            (int) (fraction * 100),
            Units.bytes(best),
            Units.bytes(grandTotal),
            rate);
    // Blank out what a longer previous line left behind.
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    lastLength = line.length();
    err.flush();
    drawn = true;
  }

  /** Draws the final state and ends the line, so what follows starts on a line of its own. */
  synchronized void finish() {
    if (shown != best || !drawn) {
      draw(System.nanoTime());
    }
    err.println();
    err.flush();
  }
}
