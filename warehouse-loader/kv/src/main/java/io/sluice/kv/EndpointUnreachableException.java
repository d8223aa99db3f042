package io.sluice.kv;

/** Nothing answers at the DynamoDB endpoint (refused, timed out, unknown host). */
public final class EndpointUnreachableException extends KeyValueStoreException {
  private static final long serialVersionUID = 1L;

  public EndpointUnreachableException(String endpoint, Throwable cause) {
    super("cannot reach the DynamoDB endpoint " + endpoint + ": " + cause.getMessage()
        + " (start one with `sluice services up --dynamodb-port 8000` and export AWS_ENDPOINT_URL_DYNAMODB,"
        + " or unset it to use AWS)", cause);
  }
}
