package io.sluice.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs of requests over client threads, closed loop or at a fixed offered load, with each request's
 * latency and what this JVM did meanwhile: its collections and the bytes its threads allocated.
 * Those two do not depend on how busy the machine is, where latencies do.
 */
final class LatencyRuns {

  private LatencyRuns() {}

  /** One request of a run, by its index; returns normally when the answer was right. */
  @FunctionalInterface
  interface Call {
    void call(int index) throws Exception;
  }

  /**
   * A run: its latencies (sorted, nanoseconds), how long it took, and this JVM's collections
   * (count, milliseconds) and allocation over it; {@code start} ({@link System#nanoTime()}) and
   * {@code byIndex} (request i's latency at i) place each request in time, to line slow ones up
   * with another JVM's logs (whose {@code timenanos} decorator is the same clock on Linux).
   */
  record Result(
      long[] nanos,
      double seconds,
      long collections,
      long gcMillis,
      long allocated,
      long start,
      long[] byIndex) {

    int requests() {
      return nanos.length;
    }

    double perSecond() {
      return requests() / seconds;
    }

    double p50Ms() {
      return percentileMs(nanos, 0.50);
    }

    double p99Ms() {
      return percentileMs(nanos, 0.99);
    }

    double allocatedKbPerRequest() {
      return allocated / 1024.0 / requests();
    }

    /** Several runs of the same path as one: their latencies pooled, their counters summed. */
    static Result pooled(List<Result> runs) {
      long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.nanos())).sorted().toArray();
      return new Result(
          all,
          runs.stream().mapToDouble(Result::seconds).sum(),
          runs.stream().mapToLong(Result::collections).sum(),
          runs.stream().mapToLong(Result::gcMillis).sum(),
          runs.stream().mapToLong(Result::allocated).sum(),
          runs.get(0).start(),
          new long[0]);
    }
  }

  /** The nearest-rank percentile: of 2,000 latencies the p99 is the 20th-worst. */
  static double percentileMs(long[] sorted, double p) {
    int rank = (int) Math.ceil(sorted.length * p);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  /**
   * REQUESTS requests over CLIENTS threads, client {@code i % clients} sending request i. With RATE
   * 0 (closed loop) each client sends its next request when the last one answered and a latency
   * runs from the send; with a RATE (requests per second over all clients) request i is due {@code
   * i / rate} seconds after the start, is sent when due (or at once when late) and its latency runs
   * from when it was due.
   */
  static Result run(int clients, int requests, int rate, Call call) throws Exception {
    long[] nanos = new long[requests];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      Counters before = Counters.now();
      // At a rate, every client has started before the first request is due.
      long start = System.nanoTime() + (rate > 0 ? 10_000_000L : 0);
      for (int c = 0; c < clients; c++) {
        int client = c;
        work.add(
            () -> {
              for (int i = client; i < requests; i += clients) {
                long due = rate > 0 ? start + i * 1_000_000_000L / rate : System.nanoTime();
                for (long wait = due - System.nanoTime();
                    wait > 0;
                    wait = due - System.nanoTime()) {
                  LockSupport.parkNanos(wait);
                }
                call.call(i);
                nanos[i] = System.nanoTime() - due;
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(work)) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // Before the pool stops: a thread's allocation is counted while it is alive.
      Counters after = Counters.now();
      long[] byIndex = nanos.clone();
      Arrays.sort(nanos);
      return new Result(
          nanos,
          seconds,
          after.collections - before.collections,
          after.gcMillis - before.gcMillis,
          after.allocatedSince(before),
          start,
          byIndex);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One row of a closed-loop table: throughput, p50, p99 and the p99 over the reference. */
  static void print(String name, int clients, Result r, Result reference) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.0f | %.2f | %.2f | %s |%n",
        name,
        clients,
        r.perSecond(),
        r.p50Ms(),
        r.p99Ms(),
        r == reference
            ? "1.00x"
            : String.format(
                Locale.ROOT,
                "%+.2f ms (%.2fx)",
                r.p99Ms() - reference.p99Ms(),
                r.p99Ms() / reference.p99Ms()));
    System.out.flush();
  }

  /** This JVM's collections so far and the bytes each live thread has allocated. */
  private record Counters(long collections, long gcMillis, long[] threads, long[] bytes) {

    static Counters now() {
      long count = 0;
      long millis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        count += Math.max(0, gc.getCollectionCount());
        millis += Math.max(0, gc.getCollectionTime());
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long[] ids = threads.getAllThreadIds();
      long[] bytes = new long[ids.length];
      if (threads instanceof com.sun.management.ThreadMXBean hotspot) {
        bytes = hotspot.getThreadAllocatedBytes(ids);
      }
      return new Counters(count, millis, ids, bytes);
    }

    /**
     * Bytes allocated since {@code before} by the threads alive now; a thread started since counts
     * from zero, one that ended since is not counted.
     */
    long allocatedSince(Counters before) {
      long total = 0;
      for (int i = 0; i < threads.length; i++) {
        if (bytes[i] < 0) {
          continue;
        }
        long was = 0;
        for (int j = 0; j < before.threads.length; j++) {
          if (before.threads[j] == threads[i]) {
            was = Math.max(0, before.bytes[j]);
            break;
          }
        }
        total += bytes[i] - was;
      }
      return total;
    }
  }
}
