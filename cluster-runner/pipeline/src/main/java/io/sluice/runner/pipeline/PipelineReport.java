package io.sluice.runner.pipeline;

import io.sluice.storage.ByteSize;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The results of a run, as the per-step table and the one-line summary printed at its end. */
public record PipelineReport(String pipeline, String on, List<StepResult> steps, Duration time) {

  public PipelineReport {
    steps = List.copyOf(steps);
  }

  public StepResult step(String name) {
    return steps.stream()
        .filter(s -> s.step().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step '" + name + "' in this run"));
  }

  /** The per-step table: records in/out/rejected/written, bytes in/out, time. */
  public String table() {
    int nameWidth = Math.max(4, steps.stream().mapToInt(s -> s.step().length()).max().orElse(4));
    int kindWidth = Math.max(4, steps.stream().mapToInt(s -> s.kind().length()).max().orElse(4));
    String format =
        "%-" + nameWidth + "s  %-" + kindWidth + "s  %9s  %9s  %8s  %9s  %10s  %10s  %7s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            format,
            "step",
            "kind",
            "in",
            "out",
            "rejected",
            "written",
            "bytes in",
            "bytes out",
            "time"));
    for (StepResult s : steps) {
      sb.append(
          String.format(
              Locale.ROOT,
              format,
              s.step(),
              s.kind(),
              s.in(),
              s.out(),
              s.rejected(),
              s.written() < 0 ? "-" : Long.toString(s.written()),
              bytes(s.bytesIn()),
              bytes(s.bytesOut()),
              seconds(s.time())));
    }
    return sb.toString();
  }

  /** One line: steps, records, bytes, time. */
  public String summary() {
    long in = steps.stream().mapToLong(StepResult::in).sum();
    long rejected = steps.stream().mapToLong(StepResult::rejected).sum();
    long bytesIn = steps.stream().mapToLong(StepResult::bytesIn).sum();
    long bytesOut = steps.stream().mapToLong(StepResult::bytesOut).sum();
    return String.format(
        Locale.ROOT,
        "pipeline %s [%s] done: %d steps, records in=%d rejected=%d, in=%s out=%s, time=%s",
        pipeline,
        on,
        steps.size(),
        in,
        rejected,
        bytes(bytesIn),
        bytes(bytesOut),
        seconds(time));
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  static String bytes(long n) {
    if (n <= 0) {
      return n == 0 ? "0 B" : "-";
    }
    return ByteSize.format(n);
  }
}
