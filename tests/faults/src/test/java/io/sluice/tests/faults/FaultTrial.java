package io.sluice.tests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trials of one cell under one fault: an uninterrupted reference run (timed), then per trial
 * the step started afresh, the fault struck at a seeded moment within the quickest run so far, what
 * readers see checked (nothing, or exactly the reference), the step run again, and its result
 * compared with the reference entry by entry. Every trial is a row of {@link FaultMatrix}; the cell
 * fails on any lost, duplicated or half-visible entry, never on leftovers.
 */
final class FaultTrial {

  private static final Logger LOG = LoggerFactory.getLogger(FaultTrial.class);
  private static final Duration STEP_LIMIT = Duration.ofMinutes(5);

  private FaultTrial() {}

  static void run(KillCell cell, Fault fault) throws Exception {
    run(cell, fault, KillSchedule.trials());
  }

  static void run(KillCell cell, Fault fault, int trials) throws Exception {
    KillSchedule schedule = new KillSchedule(fault.name() + " | " + cell.where());
    cell.reset();
    List<String> initial = cell.visible();
    long start = System.nanoTime();
    SluiceProcess.Result reference = cell.command().timeout(STEP_LIMIT).run();
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(
        0, reference.exitCode(), () -> cell.where() + ": reference run\n" + reference.all());
    List<String> expected = cell.visible();
    assertFalse(expected.isEmpty(), cell.where() + ": the reference run left nothing to compare");
    LOG.info(
        "{} | {}: reference {} entries in {} ms",
        fault.name(),
        cell.where(),
        expected.size(),
        duration.toMillis());

    List<String> failures = new ArrayList<>();
    int survived = 0;
    long lost = 0;
    long duplicated = 0;
    int partial = 0;
    long leftovers = 0;
    for (int trial = 1; trial <= trials; trial++) {
      cell.reset();
      Duration moment = schedule.next(duration);
      boolean struck;
      String printed;
      try (SluiceProcess step = cell.command().start()) {
        boolean ended = step.process().waitFor(moment.toMillis(), TimeUnit.MILLISECONDS);
        struck = !ended && fault.strike(step);
        printed = step.await(STEP_LIMIT).stdout();
      }
      List<String> afterFault = cell.visible();
      boolean partialVisible =
          cell.atomic()
              ? !sameEntries(afterFault, initial) && !sameEntries(afterFault, expected)
              : difference(afterFault, expected) > 0;

      long rerunStart = System.nanoTime();
      SluiceProcess.Result again = cell.rerun(printed).timeout(STEP_LIMIT).run();
      if (again.exitCode() == 0) {
        // The machine's load varies: the quickest run seen keeps the kill moments within a run.
        duration = min(duration, Duration.ofNanos(System.nanoTime() - rerunStart));
      }
      List<String> after = again.exitCode() == 0 ? cell.visible() : List.of();
      long missing = difference(expected, after);
      long extra = difference(after, expected);
      long left = cell.leftovers();
      FaultMatrix.Trial row =
          new FaultMatrix.Trial(
              fault.name(),
              cell.where(),
              trial,
              schedule.seed(),
              moment.toMillis(),
              struck,
              missing,
              extra,
              partialVisible,
              left);
      FaultMatrix.record(row);
      LOG.info("{}", row);
      if (row.survived()) {
        survived++;
      } else {
        failures.add(
            row
                + (again.exitCode() != 0 ? "; the run after the fault failed: " + again.all() : "")
                + (partialVisible ? "; visible after the fault: " + head(afterFault) : ""));
      }
      lost += missing;
      duplicated += extra;
      partial += partialVisible ? 1 : 0;
      leftovers += left;
    }
    FaultMatrix.summarize(
        fault.name(), cell.where(), trials, survived, lost, duplicated, partial, leftovers);
    assertTrue(failures.isEmpty(), () -> cell.where() + ": " + String.join("\n", failures));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static boolean sameEntries(List<String> a, List<String> b) {
    return a.size() == b.size() && difference(a, b) == 0;
  }

  /** How many entries of {@code a} (counted with repeats) {@code b} lacks. */
  static long difference(List<String> a, List<String> b) {
    Map<String, Integer> counts = new HashMap<>();
    b.forEach(entry -> counts.merge(entry, 1, Integer::sum));
    long missing = 0;
    for (String entry : a) {
      Integer left = counts.get(entry);
      if (left == null || left == 0) {
        missing++;
      } else {
        counts.put(entry, left - 1);
      }
    }
    return missing;
  }

  private static String head(List<String> entries) {
    return entries.size() <= 5 ? entries.toString() : entries.subList(0, 5) + " ...";
  }
}
