package io.sluice.functions;

/**
 * The handler threw during an invocation (not the user's request: exit 1, HTTP 5xx). It keeps what
 * Lambda reports for a function error, {@link #errorType()} and {@link #errorMessage()}; the
 * message is one line naming the handler, the exception class and its message.
 */
public class FunctionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String handler;
  private final String requestId;
  private final String errorType;
  private final String errorMessage;

  FunctionFailedException(
      String handler, String requestId, String errorType, String errorMessage, Throwable cause) {
    super(
        "handler "
            + handler
            + " failed: "
            + errorType
            + (errorMessage == null ? "" : ": " + oneLine(errorMessage)),
        cause);
    this.handler = handler;
    this.requestId = requestId;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }

  static FunctionFailedException thrown(String handler, String requestId, Throwable thrown) {
    return new FunctionFailedException(
        handler, requestId, thrown.getClass().getName(), thrown.getMessage(), thrown);
  }

  /** The handler class name. */
  public String handler() {
    return handler;
  }

  /** The invocation's request id (the one the handler saw in its Context). */
  public String requestId() {
    return requestId;
  }

  /** What Lambda reports as {@code errorType}: the class name of what the handler threw. */
  public String errorType() {
    return errorType;
  }

  /** What Lambda reports as {@code errorMessage}: the thrown exception's message, possibly null. */
  public String errorMessage() {
    return errorMessage;
  }

  static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
