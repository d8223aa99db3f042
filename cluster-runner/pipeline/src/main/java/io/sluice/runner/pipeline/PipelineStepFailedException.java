package io.sluice.runner.pipeline;

import io.sluice.jobs.SluiceJobException;
import java.util.List;

/** A step failed while running; the run stopped there. The message names the step and why. */
public final class PipelineStepFailedException extends SluiceJobException {
  private static final long serialVersionUID = 1L;

  private final String step;

  // The steps that completed in the run this failure stopped (in file order); steps running beside
  // the failed one finish before it is thrown.
  private transient List<StepResult> completed = List.of();

  public PipelineStepFailedException(String step, String kind, Throwable cause) {
    super("step '" + step + "' (" + kind + ") failed: " + firstLine(cause), cause);
    this.step = step;
  }

  public String step() {
    return step;
  }

  /** The steps of the run that completed (in file order) before it stopped. */
  public List<StepResult> completed() {
    return completed;
  }

  void completed(List<StepResult> results) {
    this.completed = List.copyOf(results);
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
