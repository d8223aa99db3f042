package io.sluice.functions;

import io.sluice.errors.UserError;

/**
 * A function that cannot be used as given: a jar that is missing or not a jar, a handler class that
 * is not in the jars, does not implement one of Lambda's handler interfaces, has no public
 * no-argument constructor or whose constructor threw, or an event that does not deserialize into
 * the handler's input type. The message is one line naming the class and the jars.
 */
public class FunctionException extends RuntimeException implements UserError {
  private static final long serialVersionUID = 1L;

  public FunctionException(String message) {
    super(message);
  }

  public FunctionException(String message, Throwable cause) {
    super(message, cause);
  }
}
