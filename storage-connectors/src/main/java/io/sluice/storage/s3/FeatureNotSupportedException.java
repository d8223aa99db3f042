package io.sluice.storage.s3;

/**
 * The S3 endpoint does not implement an S3 feature (it answered HTTP 501 NotImplemented, or
 * answered in a way only an endpoint without the feature would). Not retryable: use an endpoint
 * that has the feature (AWS S3, MinIO, S3Mock for versioning) or do without it.
 */
public class FeatureNotSupportedException extends ObjectStoreException {
  private static final long serialVersionUID = 1L;

  private final String feature;
  private final String endpoint;

  public FeatureNotSupportedException(
      String feature, String endpoint, String how, Throwable cause) {
    super(
        "the S3 endpoint " + endpoint + " does not implement " + feature + " (" + how + ")", cause);
    this.feature = feature;
    this.endpoint = endpoint;
  }

  /** The feature, e.g. "bucket versioning". */
  public String feature() {
    return feature;
  }

  public String endpoint() {
    return endpoint;
  }
}
