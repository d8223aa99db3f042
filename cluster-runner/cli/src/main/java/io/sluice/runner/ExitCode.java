package io.sluice.runner;

import io.sluice.errors.UserError;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/** The command line's exit codes, and the one mapping from a failure to a code and a line. */
public final class ExitCode {
  public static final int OK = 0;

  /** The job ran and failed. */
  public static final int JOB_FAILED = 1;

  /** Bad usage or bad input: nothing was run. */
  public static final int BAD_INPUT = 2;

  private ExitCode() {}

  /**
   * {@link #BAD_INPUT} when the user can fix the request: a {@link UserError} anywhere in the cause
   * chain; an argument refused outright (an {@link IllegalArgumentException} thrown straight out of
   * a command, as the AWS SDK refuses a malformed value); or an endpoint nothing answers at
   * (refused, unknown host, no route): endpoints are the user's to start or to name. Else {@link
   * #JOB_FAILED}.
   */
  public static int of(Throwable failure) {
    if (failure instanceof IllegalArgumentException || UserError.find(failure) != null) {
      return BAD_INPUT;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return BAD_INPUT;
      }
    }
    return JOB_FAILED;
  }

  /**
   * The failure as one line: the first message Sluice itself wrote in the cause chain (it names the
   * step, file, line or option; an engine's wrapper such as Spark's {@code SparkException} around a
   * job's own error is passed over), else the failure's first line, or its type when it has no
   * message.
   */
  public static String oneLine(Throwable failure) {
    String message = null;
    for (Throwable t = failure;
        t != null && message == null;
        t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().startsWith("io.sluice.") && t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      message =
          failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
