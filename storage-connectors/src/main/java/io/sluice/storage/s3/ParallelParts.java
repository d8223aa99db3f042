package io.sluice.storage.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs the parts of one ranged download or multipart copy on the shared, bounded transfer pool and
 * waits for all of them.
 *
 * <p>On the first failure (or when the waiting thread is interrupted) the parts not yet started are
 * skipped and the ones in flight are waited for, so that when {@link #run} returns or throws no
 * part is still writing the caller's file or copying after the caller aborted the copy. Running
 * parts are not interrupted: an interrupt would close the file channel all parts share.
 */
final class ParallelParts {

  /** How long a failed transfer waits for its in-flight parts (each one part-size request). */
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(120);

  private ParallelParts() {}

  /**
   * Runs {@code part.apply(i)} for i in [0, count) and returns the results in part order.
   *
   * @throws InterruptedException if the calling thread was interrupted; the interrupt is consumed
   * @throws RuntimeException the first part failure, unchanged
   */
  static <T> List<T> run(ExecutorService pool, int count, IntFunction<T> part)
      throws InterruptedException {
    Tracker tracker = new Tracker();
    CompletionService<Indexed<T>> completion = new ExecutorCompletionService<>(pool);
    List<Future<Indexed<T>>> futures = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(
            completion.submit(
                () -> {
                  tracker.enter();
                  try {
                    if (tracker.stopped) {
                      return null;
                    }
                    return new Indexed<>(index, part.apply(index));
                  } finally {
                    tracker.exit();
                  }
                }));
      }
      List<T> results = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        results.add(null);
      }
      for (int done = 0; done < count; done++) {
        Indexed<T> r = completion.take().get();
        results.set(r.index, r.value);
      }
      return results;
    } catch (ExecutionException e) {
      stop(tracker, futures);
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException | RuntimeException | Error e) {
      stop(tracker, futures);
      throw e;
    }
  }

  private static void stop(Tracker tracker, List<? extends Future<?>> futures) {
    tracker.stopped = true;
    for (Future<?> f : futures) {
      f.cancel(false);
    }
    tracker.awaitIdle();
  }

  private record Indexed<T>(int index, T value) {}

  /**
   * Counts parts in flight; a part enters before it checks {@code stopped}, so none slips past a
   * stop.
   */
  private static final class Tracker {
    volatile boolean stopped;
    private int running;

    synchronized void enter() {
      running++;
    }

    synchronized void exit() {
      running--;
      notifyAll();
    }

    synchronized void awaitIdle() {
      boolean interrupted = false;
      long deadline = System.nanoTime() + DRAIN_NANOS;
      while (running > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          // Keep waiting: returning early would let a part outlive the abort. Re-assert below.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
