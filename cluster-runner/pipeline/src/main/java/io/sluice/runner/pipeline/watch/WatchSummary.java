package io.sluice.runner.pipeline.watch;

import java.time.Duration;
import java.util.Locale;

/**
 * What one watcher session did: distinct objects listed, runs that succeeded and failed, objects
 * recorded without a run ({@code --existing skip}), how long it watched, and whether a stop request
 * ended it.
 */
public record WatchSummary(
    String location,
    long objectsSeen,
    long runsOk,
    long runsFailed,
    long skipped,
    Duration time,
    boolean stopped) {

  /** {@code watch s3://b/p: 3 object(s) seen, 2 run(s) ok, 1 failed, 0 skipped in 4.2 s}. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "watch %s: %d object(s) seen, %d run(s) ok, %d failed, %d skipped in %.1f s%s",
        location,
        objectsSeen,
        runsOk,
        runsFailed,
        skipped,
        time.toMillis() / 1000.0,
        stopped ? " (stopped)" : "");
  }
}
