package io.sluice.storage.s3;

/**
 * An object-store operation failed. The message is one line that names the endpoint, bucket and key
 * involved and, where there is one, what to do about it. Subclasses say precisely what went wrong,
 * so callers (the CLI maps them to exit codes) never parse messages.
 */
public class ObjectStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ObjectStoreException(String message) {
    super(message);
  }

  public ObjectStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
