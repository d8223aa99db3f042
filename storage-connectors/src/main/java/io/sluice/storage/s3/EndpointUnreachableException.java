package io.sluice.storage.s3;

/** No connection could be made to the S3 endpoint (refused, unknown host, timed out). */
public class EndpointUnreachableException extends ObjectStoreException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;

  public EndpointUnreachableException(String endpoint, String reason, Throwable cause) {
    super("cannot reach the S3 endpoint " + endpoint + ": " + reason
        + "; is it running? (set --s3-endpoint or AWS_ENDPOINT_URL_S3)", cause);
    this.endpoint = endpoint;
  }

  public String endpoint() {
    return endpoint;
  }
}
