package io.sluice.serve;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT (Ctrl-C) so a foreground server can drain and exit 0. Handling the
 * signal itself, rather than in a shutdown hook, is what lets the process choose its exit code:
 * after a hook the JVM exits 143.
 */
public final class StopSignals {

  private final CountDownLatch stop = new CountDownLatch(1);

  private StopSignals() {}

  /** Installs the handlers; from then on TERM and INT release {@link #await()}. */
  public static StopSignals install() {
    StopSignals s = new StopSignals();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), sig -> s.stop.countDown());
    }
    return s;
  }

  /** Blocks until a stop signal arrived. */
  public void await() throws InterruptedException {
    stop.await();
  }
}
