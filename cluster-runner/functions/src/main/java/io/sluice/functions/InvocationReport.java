package io.sluice.functions;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code REPORT} line Lambda logs after each invocation: request id, duration, billed duration
 * (rounded up to the millisecond, as Lambda bills), the configured memory, the most memory used,
 * and the init duration on a cold start. Fields are tab-separated, as in Lambda's logs.
 */
public record InvocationReport(
    String requestId,
    Duration duration,
    int memorySizeMb,
    long maxMemoryUsedMb,
    Optional<Duration> initDuration) {

  /** The report of an invocation, with the memory this process has used at most so far. */
  public static InvocationReport of(FunctionInvocation<?> invocation, FunctionSettings settings) {
    return new InvocationReport(
        invocation.requestId(),
        invocation.duration(),
        settings.memoryMb(),
        processPeakMemoryMb(),
        invocation.initDuration());
  }

  /** {@code START RequestId: ... Version: $LATEST}. */
  public static String startLine(String requestId) {
    return "START RequestId: " + requestId + " Version: $LATEST";
  }

  /** {@code END RequestId: ...}. */
  public static String endLine(String requestId) {
    return "END RequestId: " + requestId;
  }

  /** Milliseconds billed: the duration rounded up to a whole millisecond, at least 1. */
  public long billedMillis() {
    long nanos = duration.toNanos();
    return Math.max(1, (nanos + 999_999) / 1_000_000);
  }

  /** The REPORT line. */
  public String line() {
    StringBuilder line =
        new StringBuilder("REPORT RequestId: ")
            .append(requestId)
            .append("\tDuration: ")
            .append(millis(duration))
            .append(" ms\tBilled Duration: ")
            .append(billedMillis())
            .append(" ms\tMemory Size: ")
            .append(memorySizeMb)
            .append(" MB\tMax Memory Used: ")
            .append(maxMemoryUsedMb)
            .append(" MB");
    initDuration.ifPresent(
        init -> line.append("\tInit Duration: ").append(millis(init)).append(" ms"));
    return line.toString();
  }

  private static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.2f", d.toNanos() / 1_000_000.0);
  }

  /**
   * The most memory this process has used, in MB: its peak resident set ({@code VmHWM} of {@code
   * /proc/self/status}) as Lambda measures its sandbox; where there is no /proc, the heap in use.
   */
  public static long processPeakMemoryMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return (kb + 1023) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // No procfs (not Linux): fall back to the heap.
    }
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return (used + (1 << 20) - 1) >> 20;
  }
}
