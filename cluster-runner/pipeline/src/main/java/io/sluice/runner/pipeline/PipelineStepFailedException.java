package io.sluice.runner.pipeline;

import io.sluice.jobs.SluiceJobException;

/** A step failed while running; the run stopped there. The message names the step and why. */
public final class PipelineStepFailedException extends SluiceJobException {
  private static final long serialVersionUID = 1L;

  private final String step;

  public PipelineStepFailedException(String step, String kind, Throwable cause) {
    super("step '" + step + "' (" + kind + ") failed: " + firstLine(cause), cause);
    this.step = step;
  }

  public String step() {
    return step;
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
