package io.sluice.runner;

import io.sluice.jobs.RunSummary;

/** A job run's summary line as {@code --json} prints it: the same fields, numbers as numbers. */
public record JsonRunSummary(
    String job,
    String engine,
    long read,
    long accepted,
    long rejected,
    long written,
    long bytesIn,
    long bytesOut,
    double seconds) {

  public static JsonRunSummary of(RunSummary s) {
    RunSummary.Counts c = s.counts();
    return new JsonRunSummary(
        s.job(),
        s.engine().id(),
        c.read(),
        c.accepted(),
        c.rejected(),
        c.written(),
        c.bytesIn(),
        c.bytesOut(),
        JsonOutput.seconds(s.wallTime()));
  }
}
