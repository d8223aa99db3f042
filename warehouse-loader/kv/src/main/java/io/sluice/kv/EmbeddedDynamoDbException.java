package io.sluice.kv;

/** The embedded DynamoDB-API server (dynalite) is missing or did not start. */
public final class EmbeddedDynamoDbException extends KeyValueStoreException {
  private static final long serialVersionUID = 1L;

  public EmbeddedDynamoDbException(String message) {
    super(message);
  }

  public EmbeddedDynamoDbException(String message, Throwable cause) {
    super(message, cause);
  }
}
