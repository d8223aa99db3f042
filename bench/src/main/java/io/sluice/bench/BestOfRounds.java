package io.sluice.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The best wall and CPU seconds of each variant over a benchmark's measured rounds, printed as a
 * table of seconds, MiB/s and CPU, each against the named reference variant measured in the same
 * run.
 */
final class BestOfRounds {

  private final Map<String, Double> best = new LinkedHashMap<>();
  private final Map<String, Double> bestCpu = new LinkedHashMap<>();

  /** Counts one measured round of {@code variant}. */
  void add(String variant, double seconds, double cpuSeconds) {
    best.merge(variant, seconds, Math::min);
    bestCpu.merge(variant, cpuSeconds, Math::min);
  }

  /**
   * Prints the table: {@code what} heads the first column ({@code width} characters), {@code bytes}
   * is what each variant read per round.
   */
  void print(String what, int width, int rounds, long bytes, String reference) {
    double referenceSeconds = best.get(reference);
    double referenceCpu = bestCpu.get(reference);
    String name = "%-" + width + "s";
    System.out.printf(
        Locale.ROOT,
        "%n" + name + " %8s %8s %12s %8s %12s%n",
        what + " (best of " + rounds + ")",
        "seconds",
        "MiB/s",
        "vs reference",
        "CPU s",
        "vs reference");
    for (Map.Entry<String, Double> e : best.entrySet()) {
      double cpu = bestCpu.get(e.getKey());
      System.out.printf(
          Locale.ROOT,
          name + " %8.2f %8.1f %11.2fx %8.2f %11.2fx%n",
          e.getKey(),
          e.getValue(),
          bytes / 1048576.0 / e.getValue(),
          e.getValue() / referenceSeconds,
          cpu,
          cpu / referenceCpu);
    }
  }
}
