package io.sluice.runner.pipeline;

import io.sluice.concurrent.DaemonThreads;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs a pipeline's steps on up to {@code concurrency} threads: a step starts once every step it
 * needs (among those chosen to run) is done and no running step holds one of its {@link
 * StepResources}. Among ready steps, the one more steps wait for (directly or through others)
 * starts first, then the earliest in the file: the head of a long chain (a model's training, then
 * its predictions and their loads) should not queue behind a step nothing waits for. All scheduling
 * happens on the calling thread; a step's thread only runs the step.
 *
 * <p>On the first failure no further step starts; the steps already running finish (their own
 * staging commits or removes their output, so nothing half-written becomes visible), then that
 * first failure is thrown, carrying the steps that completed.
 */
final class ConcurrentSteps {

  /** Runs one step; {@code position} is its place (1-based) in the steps chosen. */
  @FunctionalInterface
  interface StepBody {
    StepResult run(PipelineStep step, int position);
  }

  private final List<PipelineStep> steps;
  private final Map<String, List<String>> needs = new HashMap<>();
  private final Map<String, Set<String>> resources = new HashMap<>();
  private final int concurrency;

  /**
   * @param needsOf the steps each step waits for; names not among {@code steps} count as done
   * @param defaultWarehouse the warehouse of steps that name none (for {@link StepResources})
   */
  ConcurrentSteps(
      List<PipelineStep> steps,
      Function<String, List<String>> needsOf,
      int concurrency,
      String defaultWarehouse) {
    this.steps = List.copyOf(steps);
    this.concurrency = concurrency;
    Set<String> chosen = new HashSet<>();
    steps.forEach(s -> chosen.add(s.name()));
    for (PipelineStep step : steps) {
      needs.put(step.name(), needsOf.apply(step.name()).stream().filter(chosen::contains).toList());
      resources.put(step.name(), StepResources.of(step, defaultWarehouse));
    }
  }

  /** For each step, how many steps wait for it, directly or through other steps. */
  private int[] waitedFor() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      index.put(steps.get(i).name(), i);
    }
    // A step needs only earlier steps, so walking backwards sees every waiter of a step first.
    List<Set<Integer>> waiters = new ArrayList<>();
    steps.forEach(s -> waiters.add(new HashSet<>()));
    for (int i = steps.size() - 1; i >= 0; i--) {
      for (String needed : needs.get(steps.get(i).name())) {
        Set<Integer> of = waiters.get(index.get(needed));
        of.add(i);
        of.addAll(waiters.get(i));
      }
    }
    return waiters.stream().mapToInt(Set::size).toArray();
  }

  /** Runs every step; returns the results in file order or throws the first failure. */
  List<StepResult> run(StepBody body) {
    ExecutorService pool =
        Executors.newFixedThreadPool(concurrency, DaemonThreads.numbered("sluice-pipeline-step-"));
    CompletionService<StepResult> completions = new ExecutorCompletionService<>(pool);
    List<Integer> waiting = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      waiting.add(i);
    }
    int[] waitedFor = waitedFor();
    waiting.sort(Comparator.comparingInt((Integer i) -> -waitedFor[i]).thenComparing(i -> i));
    Map<Future<StepResult>, Integer> running = new LinkedHashMap<>();
    Set<String> held = new HashSet<>();
    Set<String> done = new HashSet<>();
    Map<Integer, StepResult> results = new HashMap<>();
    PipelineStepFailedException firstFailure = null;
    Error firstError = null;
    try {
      while (true) {
        if (firstFailure == null && firstError == null) {
          for (var it = waiting.iterator(); it.hasNext() && running.size() < concurrency; ) {
            int i = it.next();
            PipelineStep step = steps.get(i);
            Set<String> uses = resources.get(step.name());
            if (done.containsAll(needs.get(step.name()))
                && uses.stream().noneMatch(held::contains)) {
              it.remove();
              held.addAll(uses);
              running.put(completions.submit(() -> body.run(step, i + 1)), i);
            }
          }
        }
        if (running.isEmpty()) {
          break;
        }
        Future<StepResult> finished = completions.take();
        int i = running.remove(finished);
        PipelineStep step = steps.get(i);
        held.removeAll(resources.get(step.name()));
        try {
          results.put(i, finished.get());
          done.add(step.name());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof Error err) {
            firstError = firstError == null ? err : firstError;
          } else if (firstFailure == null) {
            firstFailure =
                cause instanceof PipelineStepFailedException f
                    ? f
                    : new PipelineStepFailedException(step.name(), step.kind(), cause);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.keySet().forEach(f -> f.cancel(true));
      throw new IllegalStateException("interrupted while pipeline steps ran", e);
    } finally {
      pool.shutdownNow();
    }
    List<StepResult> completed =
        results.entrySet().stream()
            .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
            .map(Map.Entry::getValue)
            .toList();
    if (firstError != null) {
      throw firstError;
    }
    if (firstFailure != null) {
      firstFailure.completed(completed);
      throw firstFailure;
    }
    if (!waiting.isEmpty()) {
      // Cannot happen: a step needs only earlier steps, so some waiting step is always ready.
      throw new IllegalStateException("steps never became ready: " + waiting);
    }
    return completed;
  }
}
