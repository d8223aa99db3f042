package io.sluice.runner;

import io.sluice.errors.UserError;

/** The command line's exit codes, and the one mapping from a failure to a code and a line. */
public final class ExitCode {
  public static final int OK = 0;
  /** The job ran and failed. */
  public static final int JOB_FAILED = 1;
  /** Bad usage or bad input: nothing was run. */
  public static final int BAD_INPUT = 2;

  private ExitCode() {}

  /** {@link #BAD_INPUT} when a {@link UserError} is anywhere in the cause chain, else {@link #JOB_FAILED}. */
  public static int of(Throwable failure) {
    return UserError.find(failure) != null ? BAD_INPUT : JOB_FAILED;
  }

  /**
   * The failure as one line: the first message Sluice itself wrote in the cause chain (it names the
   * step, file, line or option; an engine's wrapper such as Spark's {@code SparkException} around a
   * job's own error is passed over), else the failure's first line, or its type when it has no
   * message.
   */
  public static String oneLine(Throwable failure) {
    String message = null;
    for (Throwable t = failure; t != null && message == null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().startsWith("io.sluice.") && t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
