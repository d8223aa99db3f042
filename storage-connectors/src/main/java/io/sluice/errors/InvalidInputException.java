package io.sluice.errors;

/**
 * An input or request that cannot be used as given (missing, unreadable, unknown format, no such
 * column, a value the command cannot accept): the {@link UserError} for modules that need no
 * exception hierarchy of their own.
 */
public class InvalidInputException extends RuntimeException implements UserError {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
