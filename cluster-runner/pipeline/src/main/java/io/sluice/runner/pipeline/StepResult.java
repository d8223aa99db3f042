package io.sluice.runner.pipeline;

import io.sluice.warehouse.QueryResult;
import java.time.Duration;
import java.util.Locale;

/**
 * What one step did. {@code in = out + rejected} for every step: {@code out} counts the records the
 * step accepted, {@code written} what it wrote (an aggregating job writes fewer records than it
 * accepts; -1 when the step writes no records).
 *
 * @param detail one line of what the step produced (the summary line of the library it called)
 * @param answer the query result of a {@code sql-check}, else null
 */
public record StepResult(
    String step,
    String kind,
    long in,
    long out,
    long rejected,
    long written,
    long bytesIn,
    long bytesOut,
    Duration time,
    String detail,
    QueryResult answer) {

  public StepResult {
    if (in != out + rejected) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "step '%s': records do not add up: in=%d but out=%d + rejected=%d",
              step,
              in,
              out,
              rejected));
    }
  }

  StepResult withTime(Duration elapsed) {
    return new StepResult(
        step, kind, in, out, rejected, written, bytesIn, bytesOut, elapsed, detail, answer);
  }
}
