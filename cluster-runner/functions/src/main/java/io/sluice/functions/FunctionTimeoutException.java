package io.sluice.functions;

import java.time.Duration;
import java.util.Locale;

/**
 * The handler did not return within the invocation's timeout. As on Lambda, the instance that timed
 * out is not reused (its thread is interrupted and left to end), and the error reads like Lambda's
 * ({@code Task timed out after 3.00 seconds}).
 */
public class FunctionTimeoutException extends FunctionFailedException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  FunctionTimeoutException(String handler, String requestId, Duration timeout) {
    super(handler, requestId, "Sandbox.Timedout", taskTimedOut(timeout), null);
    this.timeout = timeout;
  }

  /** The timeout that passed. */
  public Duration timeout() {
    return timeout;
  }

  static String taskTimedOut(Duration timeout) {
    return String.format(
        Locale.ROOT, "Task timed out after %.2f seconds", timeout.toMillis() / 1000.0);
  }
}
