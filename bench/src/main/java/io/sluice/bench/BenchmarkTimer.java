package io.sluice.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Times named runs and prints them as ratios against the first (the reference). */
final class BenchmarkTimer {

  private final Map<String, Double> seconds = new LinkedHashMap<>();

  <T> T time(String name, Callable<T> run) throws Exception {
    System.out.printf(Locale.ROOT, "running %s ...%n", name);
    long start = System.nanoTime();
    T result = run.call();
    double s = (System.nanoTime() - start) / 1e9;
    seconds.put(name, s);
    System.out.printf(Locale.ROOT, "  %s: %.1f s%n", name, s);
    return result;
  }

  double seconds(String name) {
    return seconds.get(name);
  }

  /** A table of every run's time and its ratio to the reference run. */
  void printRatios(String reference, long inputBytes) {
    double ref = seconds.get(reference);
    System.out.printf(
        Locale.ROOT, "%n%-40s %10s %10s %12s%n", "run", "seconds", "MiB/s", "vs " + reference);
    for (Map.Entry<String, Double> e : seconds.entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "%-40s %10.1f %10.1f %11.2fx%n",
          e.getKey(),
          e.getValue(),
          inputBytes / 1048576.0 / e.getValue(),
          e.getValue() / ref);
    }
  }
}
