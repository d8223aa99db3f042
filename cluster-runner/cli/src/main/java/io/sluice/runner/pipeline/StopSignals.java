package io.sluice.runner.pipeline;

import io.sluice.runner.pipeline.watch.WatchStop;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for a foreground command that should finish what it is doing: the first one
 * requests a stop (the JVM does not begin to shut down, so Spark and Hadoop stay usable for the run
 * in progress); a second one restores the JVM's handling and raises the signal again, which ends
 * the process at once. A shutdown hook could not do this: the engines' own hooks close their file
 * systems and sessions under the running work, and the exit code would be 143, not 0.
 */
final class StopSignals implements AutoCloseable {

  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignals() {}

  static StopSignals install(WatchStop stop, PrintWriter err, String what) {
    StopSignals installed = new StopSignals();
    AtomicInteger received = new AtomicInteger();
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      SignalHandler old =
          Signal.handle(
              signal,
              s -> {
                if (received.incrementAndGet() == 1) {
                  err.println(
                      "sluice: SIG"
                          + s.getName()
                          + ": stopping after "
                          + what
                          + " (again to abort)");
                  err.flush();
                  stop.request();
                } else {
                  installed.close();
                  Signal.raise(s);
                }
              });
      installed.signals.add(signal);
      installed.previous.add(old);
    }
    return installed;
  }

  @Override
  public synchronized void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
    signals.clear();
    previous.clear();
  }
}
