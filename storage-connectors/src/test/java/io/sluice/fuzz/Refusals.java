package io.sluice.fuzz;

import io.sluice.errors.UserError;

/**
 * What a whole-input parser may do with a bad input besides parsing it: throw a user error (the
 * CLI's exit code 2) whose message is one non-blank line. Anything else reaching the user is a bug.
 */
public final class Refusals {

  private Refusals() {}

  /** Throws an AssertionError, with the failure as its cause, unless it is a proper refusal. */
  public static void check(Throwable failure) {
    if (!(failure instanceof UserError)) {
      throw new AssertionError("not a user error: " + failure, failure);
    }
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      throw new AssertionError("a user error without a message", failure);
    }
    if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
      throw new AssertionError("a user error message of more than one line: " + message, failure);
    }
  }
}
