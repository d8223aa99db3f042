package io.sluice.runner;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.sluice.jobs.RunSummary;

/**
 * A job run's summary line as {@code --json} prints it: the same fields, numbers as numbers (the
 * counts inline: read, accepted, rejected, written, bytesIn, bytesOut).
 */
public record JsonRunSummary(
    String job, String engine, @JsonUnwrapped RunSummary.Counts counts, double seconds) {

  public static JsonRunSummary of(RunSummary s) {
    return new JsonRunSummary(
        s.job(), s.engine().id(), s.counts(), JsonOutput.seconds(s.wallTime()));
  }
}
