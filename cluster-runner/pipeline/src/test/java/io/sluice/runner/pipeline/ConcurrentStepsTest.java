package io.sluice.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The scheduler of steps run at once, with step bodies that wait for each other on latches: which
 * steps overlap, which never do, and what a failure stops. No time is measured; a wait that runs
 * out is either a failure of the scheduler or, where said, the expected path.
 */
class ConcurrentStepsTest {

  /** Far beyond a step body's hand-over; reached only when the scheduler is wrong. */
  private static final long BOUND_SECONDS = 60;

  private static PipelineStep upload(String name) {
    return new PipelineStep.Upload(name, "x", List.of(), "y");
  }

  private static PipelineStep load(String name, String target) {
    return new PipelineStep.LoadWarehouse(name, "in", name, "replace", List.of(), null, target);
  }

  private static StepResult result(PipelineStep step) {
    return new StepResult(step.name(), step.kind(), 1, 1, 0, 1, 0, 0, Duration.ZERO, "", null);
  }

  private static ConcurrentSteps scheduler(
      List<PipelineStep> steps, Map<String, List<String>> needs, int concurrency) {
    return new ConcurrentSteps(
        steps, s -> needs.getOrDefault(s, List.of()), concurrency, "duckdb:/tmp/w.duckdb");
  }

  @Test
  void readyStepsRunAtTheSameTimeAndTheReportKeepsFileOrder() {
    PipelineStep first = upload("first");
    PipelineStep a = upload("a");
    PipelineStep b = upload("b");
    PipelineStep last = upload("last");
    // a and b each wait at the barrier for the other: both must be running at once.
    CyclicBarrier both = new CyclicBarrier(2);
    List<String> order = new CopyOnWriteArrayList<>();
    Map<String, Integer> positions = new ConcurrentHashMap<>();
    List<StepResult> results =
        scheduler(
                List.of(first, a, b, last),
                Map.of("a", List.of("first"), "b", List.of("first"), "last", List.of("a", "b")),
                2)
            .run(
                (step, position) -> {
                  positions.put(step.name(), position);
                  order.add("start " + step.name());
                  if (step == a || step == b) {
                    await(both);
                  }
                  order.add("end " + step.name());
                  return result(step);
                });
    assertEquals(
        List.of("first", "a", "b", "last"), results.stream().map(StepResult::step).toList());
    assertEquals(Map.of("first", 1, "a", 2, "b", 3, "last", 4), positions);
    assertEquals("start first", order.get(0));
    assertEquals("end first", order.get(1), "a and b wait for first");
    assertEquals("start last", order.get(6), "last waits for a and b");
  }

  @Test
  void concurrencyBoundsHowManyRunAndTheEarliestReadyStepsStartFirst() {
    List<PipelineStep> steps = List.of(upload("a"), upload("b"), upload("c"), upload("d"));
    Map<String, List<String>> none =
        Map.of("a", List.of(), "b", List.of(), "c", List.of(), "d", List.of());
    CyclicBarrier firstTwo = new CyclicBarrier(2);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Set<String> started = ConcurrentHashMap.newKeySet();
    Map<String, Set<String>> startedBefore = new ConcurrentHashMap<>();
    scheduler(steps, none, 2)
        .run(
            (step, position) -> {
              startedBefore.put(step.name(), Set.copyOf(started));
              started.add(step.name());
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              if (position <= 2) {
                await(firstTwo); // a and b hold both slots until both run
              }
              running.decrementAndGet();
              return result(step);
            });
    assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
    assertTrue(startedBefore.get("c").containsAll(Set.of("a", "b")), startedBefore.toString());
    assertTrue(startedBefore.get("d").containsAll(Set.of("a", "b")), startedBefore.toString());
  }

  @Test
  void theHeadOfALongerChainStartsBeforeStepsNothingWaitsFor() {
    // After 'up': x1, x2 and head are ready, two slots; 'tail' waits for head.
    List<PipelineStep> steps =
        List.of(upload("up"), upload("x1"), upload("x2"), upload("head"), upload("tail"));
    Map<String, List<String>> needs =
        Map.of(
            "x1", List.of("up"),
            "x2", List.of("up"),
            "head", List.of("up"),
            "tail", List.of("head"));
    CyclicBarrier firstTwo = new CyclicBarrier(2);
    AtomicInteger afterUp = new AtomicInteger();
    Set<String> startedFirst = ConcurrentHashMap.newKeySet();
    scheduler(steps, needs, 2)
        .run(
            (step, position) -> {
              if (!step.name().equals("up") && afterUp.incrementAndGet() <= 2) {
                startedFirst.add(step.name());
                await(firstTwo); // both slots held until both first steps run
              }
              return result(step);
            });
    assertEquals(Set.of("x1", "head"), startedFirst, "head (waited for) and then file order");
  }

  @Test
  void stepsOnOneDuckDbFileNeverOverlap() throws Exception {
    // Two loads into one DuckDB file (spelt two ways) and a load elsewhere, none needing another.
    PipelineStep one = load("one", "duckdb:/tmp/w.duckdb");
    PipelineStep two = load("two", "duckdb:/tmp/../tmp/w.duckdb");
    PipelineStep other = load("other", "duckdb:/tmp/other.duckdb");
    CountDownLatch twoStarted = new CountDownLatch(1);
    CountDownLatch otherStarted = new CountDownLatch(1);
    Set<String> seenBesideOne = ConcurrentHashMap.newKeySet();
    scheduler(
            List.of(one, two, other),
            Map.of("one", List.of(), "two", List.of(), "other", List.of()),
            3)
        .run(
            (step, position) -> {
              if (step == one) {
                // other (another file) runs beside it; two would now too if the file were not
                // held. Waiting out the second latch is the expected path here.
                if (await(otherStarted, BOUND_SECONDS)) {
                  seenBesideOne.add("other");
                }
                if (await(twoStarted, 1)) {
                  seenBesideOne.add("two");
                }
              } else if (step == two) {
                twoStarted.countDown();
              } else {
                otherStarted.countDown();
              }
              return result(step);
            });
    assertEquals(Set.of("other"), seenBesideOne);
  }

  @Test
  void aFailureStartsNoFurtherStepLetsRunningOnesFinishAndIsThrownWithTheCompletedSteps() {
    PipelineStep running = upload("running");
    PipelineStep failing = upload("failing");
    PipelineStep ready = upload("ready"); // needs nothing: only a free slot keeps it waiting
    PipelineStep after = upload("after"); // needs the running step, which completes
    CountDownLatch readyStarted = new CountDownLatch(1);
    CountDownLatch failingThrows = new CountDownLatch(1);
    PipelineStepFailedException boom =
        new PipelineStepFailedException("failing", "upload", new IllegalStateException("boom"));
    List<String> started = new CopyOnWriteArrayList<>();
    PipelineStepFailedException thrown =
        assertThrows(
            PipelineStepFailedException.class,
            () ->
                scheduler(
                        List.of(running, failing, ready, after),
                        Map.of(
                            "running", List.of(),
                            "failing", List.of(),
                            "ready", List.of(),
                            "after", List.of("running")),
                        2)
                    .run(
                        (step, position) -> {
                          started.add(step.name());
                          if (step == failing) {
                            failingThrows.countDown();
                            throw boom;
                          }
                          if (step == running) {
                            // Still running when the other fails. A wrong scheduler starts
                            // 'ready' in the failed step's slot, which ends the second wait; a
                            // right one lets it run out.
                            await(failingThrows, BOUND_SECONDS);
                            await(readyStarted, 1);
                          }
                          if (step == ready) {
                            readyStarted.countDown();
                          }
                          return result(step);
                        }));
    assertSame(boom, thrown, "the first failure, as thrown by its step");
    assertEquals(Set.of("running", "failing"), Set.copyOf(started), "nothing after the failure");
    assertEquals(List.of("running"), thrown.completed().stream().map(StepResult::step).toList());
  }

  @Test
  void aNeedOnAStepNotChosenCountsAsMet() {
    PipelineStep c = upload("c");
    List<StepResult> results =
        scheduler(List.of(c), Map.of("c", List.of("b")), 2).run((step, p) -> result(step));
    assertEquals(List.of("c"), results.stream().map(StepResult::step).toList());
  }

  @Test
  void anUnexpectedExceptionOfABodyBecomesTheStepsFailure() {
    PipelineStep a = upload("a");
    PipelineStepFailedException e =
        assertThrows(
            PipelineStepFailedException.class,
            () ->
                scheduler(List.of(a), Map.of(), 2)
                    .run(
                        (step, p) -> {
                          throw new IllegalStateException("odd");
                        }));
    assertEquals("step 'a' (upload) failed: odd", e.getMessage());
    assertFalse(e.completed().iterator().hasNext());
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other step never ran at the same time", e);
    }
  }

  private static boolean await(CountDownLatch latch, long seconds) {
    try {
      return latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
