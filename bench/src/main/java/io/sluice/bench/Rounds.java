package io.sluice.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs timed in interleaved rounds (A, B, C, A, B, C...) so that load from elsewhere on a shared
 * machine falls on every run alike; ratios are taken within a round, against a named reference
 * measured in the same round, and the median over the rounds is printed.
 */
final class Rounds {

  /** One timed run. */
  @FunctionalInterface
  interface Run {
    void call() throws Exception;
  }

  private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
  private final Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();

  /** Times {@code run} as {@code name}: wall seconds and this JVM's CPU seconds. */
  void time(String name, Run run) throws Exception {
    System.out.printf(Locale.ROOT, "running %s ...%n", name);
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    run.call();
    double s = (System.nanoTime() - start) / 1e9;
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    seconds.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
    cpuSeconds.computeIfAbsent(name, k -> new ArrayList<>()).add(cpu);
    System.out.printf(Locale.ROOT, "  %s: %.2f s (%.1f CPU s in this JVM)%n", name, s, cpu);
  }

  /**
   * A table per run: median and best wall seconds, MiB/s of {@code inputBytes} at the median, the
   * median of the per-round ratios to {@code reference}, and this JVM's CPU seconds (a run in
   * another JVM shows only what this one spent waiting for it).
   */
  void print(String reference, long inputBytes) {
    System.out.printf(
        Locale.ROOT,
        "%n%-44s %6s %9s %9s %8s %14s %12s%n",
        "run",
        "rounds",
        "median s",
        "best s",
        "MiB/s",
        "vs " + reference,
        "JVM CPU s");
    List<Double> ref = seconds.getOrDefault(reference, seconds.values().iterator().next());
    seconds.forEach(
        (name, times) -> {
          double[] ratios = new double[Math.min(times.size(), ref.size())];
          for (int i = 0; i < ratios.length; i++) {
            ratios[i] = times.get(i) / ref.get(i);
          }
          double median = median(times);
          System.out.printf(
              Locale.ROOT,
              "%-44s %6d %9.2f %9.2f %8.1f %13.2fx %12.1f%n",
              name,
              times.size(),
              median,
              times.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
              inputBytes / 1048576.0 / median,
              median(Arrays.stream(ratios).boxed().toList()),
              median(cpuSeconds.get(name)));
        });
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** This JVM's CPU time so far (every thread's, the JIT's and GC's included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
