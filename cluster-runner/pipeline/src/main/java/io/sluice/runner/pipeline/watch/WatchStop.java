package io.sluice.runner.pipeline.watch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop watching (SIGTERM, Ctrl-C): the watcher finishes the run in progress, saves its
 * state and returns; between polls it wakes at once.
 */
public final class WatchStop {

  private final CountDownLatch requested = new CountDownLatch(1);

  public void request() {
    requested.countDown();
  }

  public boolean requested() {
    return requested.getCount() == 0;
  }

  /** Waits up to {@code limit}; true when a stop was requested meanwhile. */
  boolean await(Duration limit) {
    try {
      return requested.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
