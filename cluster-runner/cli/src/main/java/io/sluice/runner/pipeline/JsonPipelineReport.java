package io.sluice.runner.pipeline;

import io.sluice.runner.JsonOutput;
import java.util.List;

/** A pipeline run as {@code --json} prints it: the summary line's fields and one row per step. */
record JsonPipelineReport(
    String pipeline,
    String on,
    int stepCount,
    long in,
    long rejected,
    long bytesIn,
    long bytesOut,
    double seconds,
    List<Step> steps) {

  /** A row of the per-step table; {@code written} is null for steps that write no records. */
  record Step(
      String step,
      String kind,
      long in,
      long out,
      long rejected,
      Long written,
      long bytesIn,
      long bytesOut,
      double seconds) {}

  static JsonPipelineReport of(PipelineReport report) {
    List<Step> steps =
        report.steps().stream()
            .map(
                s ->
                    new Step(
                        s.step(),
                        s.kind(),
                        s.in(),
                        s.out(),
                        s.rejected(),
                        s.written() < 0 ? null : s.written(),
                        s.bytesIn(),
                        s.bytesOut(),
                        JsonOutput.seconds(s.time())))
            .toList();
    return new JsonPipelineReport(
        report.pipeline(),
        report.on(),
        steps.size(),
        steps.stream().mapToLong(Step::in).sum(),
        steps.stream().mapToLong(Step::rejected).sum(),
        steps.stream().mapToLong(Step::bytesIn).sum(),
        steps.stream().mapToLong(Step::bytesOut).sum(),
        JsonOutput.seconds(report.time()),
        steps);
  }
}
