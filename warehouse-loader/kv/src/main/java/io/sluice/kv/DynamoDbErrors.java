package io.sluice.kv;

import io.sluice.errors.EndpointUnreachableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * SDK exceptions to this package's: what the caller can act on, with the table and endpoint named.
 */
final class DynamoDbErrors {

  private final String endpoint;

  /** {@code endpoint} as messages name it ({@link DynamoDbConfig#describeEndpoint()}). */
  DynamoDbErrors(String endpoint) {
    this.endpoint = endpoint;
  }

  RuntimeException translate(String table, SdkException e) {
    if (e instanceof ResourceNotFoundException) {
      return new NoSuchTableException(table, endpoint);
    }
    if (e instanceof ProvisionedThroughputExceededException
        || e instanceof RequestLimitExceededException) {
      return new ThrottledException(
          "throttled by " + endpoint + " on table '" + table + "': " + e.getMessage(), e);
    }
    if (e instanceof DynamoDbException d) {
      String code = d.awsErrorDetails() == null ? "" : d.awsErrorDetails().errorCode();
      String message =
          d.awsErrorDetails() == null ? d.getMessage() : d.awsErrorDetails().errorMessage();
      if (d.isThrottlingException()
          || "ThrottlingException".equals(code)
          || d.statusCode() >= 500) {
        return new ThrottledException(
            "throttled by " + endpoint + " on table '" + table + "': " + message, e);
      }
      if ("ValidationException".equals(code) || "SerializationException".equals(code)) {
        return new InvalidItemException("table '" + table + "': " + message, e);
      }
      return new KeyValueStoreException(
          endpoint + " refused the request on table '" + table + "': " + code + ": " + message, e);
    }
    if (e instanceof SdkClientException && isConnectionFailure(e)) {
      return new EndpointUnreachableException(
          "DynamoDB",
          endpoint,
          rootCause(e).getMessage(),
          " (start one with `sluice services up --dynamodb-port 8000` and export AWS_ENDPOINT_URL_DYNAMODB,"
              + " or unset it to use AWS)",
          e);
    }
    return new KeyValueStoreException(
        "request to " + endpoint + " on table '" + table + "' failed: " + e.getMessage(), e);
  }

  private static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException
          || t.getClass().getName().endsWith("HttpHostConnectException")) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
