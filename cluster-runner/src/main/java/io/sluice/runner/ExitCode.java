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
   * The failure as one line: the user error's own message when there is one (it names the file,
   * line or option), else the failure's first line, or its type when it has no message.
   */
  public static String oneLine(Throwable failure) {
    UserError user = UserError.find(failure);
    String message = user != null ? user.getMessage() : failure.getMessage();
    if (message == null) {
      message = failure.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
