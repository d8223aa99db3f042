package io.sluice.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Waits for SIGTERM or SIGINT (Ctrl-C) so a foreground server can drain and exit 0. Handling the
 * signal itself, rather than in a shutdown hook, is what lets the process choose its exit code:
 * after a hook the JVM exits 143. {@link #close()} puts the previous handlers back, so a command
 * run in-process (tests) leaves the JVM's signal handling as it was.
 */
public final class StopSignals implements AutoCloseable {

  private final CountDownLatch stop = new CountDownLatch(1);
  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

  private StopSignals() {}

  /** Installs the handlers; from then on TERM and INT release {@link #await()}. */
  public static StopSignals install() {
    StopSignals s = new StopSignals();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal signal = new Signal(name);
      s.previous.put(signal, Signal.handle(signal, sig -> s.stop.countDown()));
    }
    return s;
  }

  /** Blocks until a stop signal arrived. */
  public void await() throws InterruptedException {
    stop.await();
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
