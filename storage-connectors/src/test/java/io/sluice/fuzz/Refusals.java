package io.sluice.fuzz;

import io.sluice.errors.UserError;
import java.util.concurrent.Callable;

/**
 * What a whole-input parser may do with a bad input besides parsing it: throw a user error (the
 * CLI's exit code 2) whose message is one non-blank line. Anything else reaching the user is a bug.
 */
public final class Refusals {

  private Refusals() {}

  /**
   * A whole-input parse (run by {@link FuzzProperty} within the {@link TimeLimit}): a non-null
   * result counts as accepted, a proper refusal as refused, anything else fails the try. The try
   * itself is counted by the caller ({@link ParserFuzz}).
   */
  public static void parsedOrRefused(FuzzCounts counts, Callable<?> parse) throws Exception {
    Object parsed;
    try {
      parsed = parse.call();
    } catch (RuntimeException e) {
      check(e);
      counts.refused();
      return;
    }
    if (parsed == null) {
      throw new AssertionError("the parse returned nothing");
    }
    counts.accepted(1);
  }

  /** Fails unless the parse is refused with a proper refusal of its own exception type. */
  public static void refusedAs(Class<? extends RuntimeException> type, Callable<?> parse)
      throws Exception {
    TimeLimit.call(
        () -> {
          try {
            parse.call();
          } catch (RuntimeException e) {
            if (!type.isInstance(e)) {
              throw new AssertionError("expected a " + type.getSimpleName() + ": " + e, e);
            }
            check(e);
            return null;
          }
          throw new AssertionError("expected a " + type.getSimpleName() + ", the input parsed");
        });
  }

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
