package io.sluice.fuzz;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each fuzz try on a worker thread and fails the try once the worker has spent {@link
 * #PER_INPUT} of CPU time on it: a guard against a parser that hangs or goes quadratic, not a
 * measure of speed. CPU time, not wall time, so a loaded machine does not fail a try; a try that
 * waits on nothing but never ends is caught by {@link #WALL_BACKSTOP}. One worker is reused (a
 * thread per try would cost more than most parses); a stuck one is abandoned for a new one.
 */
public final class TimeLimit {

  /** CPU time one input may take: about a hundred times what the slowest MiB-sized input needs. */
  public static final Duration PER_INPUT = Duration.ofSeconds(2);

  /** Wall time one input may take however loaded the machine is. */
  public static final Duration WALL_BACKSTOP = Duration.ofMinutes(2);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long POLL_MILLIS = 50;

  private static Thread workerThread;
  private static ExecutorService worker = newWorker();

  private TimeLimit() {}

  /** The work's result; its exception as thrown; an AssertionError when it ran past the limit. */
  public static synchronized <T> T call(Callable<T> work) throws Exception {
    AtomicLong cpuStart = new AtomicLong(-1); // -1 until the worker has begun the work
    Future<T> result =
        worker.submit(
            () -> {
              cpuStart.set(THREADS.getCurrentThreadCpuTime());
              return work.call();
            });
    long wallEnd = System.nanoTime() + WALL_BACKSTOP.toNanos();
    try {
      while (true) {
        try {
          return result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          long started = cpuStart.get();
          long cpu = started < 0 ? 0 : THREADS.getThreadCpuTime(workerThread.getId()) - started;
          if (cpu > PER_INPUT.toNanos() || System.nanoTime() > wallEnd) {
            result.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError(
                "the parser did not finish within "
                    + PER_INPUT.toSeconds()
                    + " s of CPU time ("
                    + WALL_BACKSTOP.toMinutes()
                    + " min wall)");
          }
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw (Error) e.getCause();
    }
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "fuzz-try");
          t.setDaemon(true);
          workerThread = t;
          return t;
        });
  }
}
