package io.sluice.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the pools behind a request (transfers, loads, progress tickers): daemon
 * threads, so a pool that is never shut down, or a task that never returns, does not keep the JVM
 * alive; named, so a thread dump says whose they are.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Daemon threads named {@code prefix} followed by 1, 2, 3 ... in the order they start. */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger started = new AtomicInteger();
    return task -> daemon(task, prefix + started.incrementAndGet());
  }

  /** Daemon threads all named {@code name}: for a pool of one. */
  public static ThreadFactory named(String name) {
    return task -> daemon(task, name);
  }

  private static Thread daemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }
}
