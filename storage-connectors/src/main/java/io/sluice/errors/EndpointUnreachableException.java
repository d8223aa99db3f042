package io.sluice.errors;

/**
 * Nothing answers at a service endpoint (refused, unknown host, timed out): S3, DynamoDB or any
 * other the request names. A user error: the endpoint is the user's to start or correct.
 */
public class EndpointUnreachableException extends RuntimeException implements UserError {
  private static final long serialVersionUID = 1L;

  private final String endpoint;

  /**
   * @param service what the endpoint serves, as messages name it ("S3", "DynamoDB")
   * @param reason why no connection was made, one line
   * @param advice what to do, appended as written (with its leading separator)
   */
  public EndpointUnreachableException(
      String service, String endpoint, String reason, String advice, Throwable cause) {
    super("cannot reach the " + service + " endpoint " + endpoint + ": " + reason + advice, cause);
    this.endpoint = endpoint;
  }

  public String endpoint() {
    return endpoint;
  }
}
