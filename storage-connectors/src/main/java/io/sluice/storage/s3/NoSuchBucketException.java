package io.sluice.storage.s3;

import io.sluice.errors.UserError;

/** The bucket does not exist at the endpoint. */
public class NoSuchBucketException extends ObjectStoreException implements UserError {
  private static final long serialVersionUID = 1L;

  private final String bucket;

  public NoSuchBucketException(String bucket, String endpoint, Throwable cause) {
    super("bucket '" + bucket + "' does not exist at " + endpoint, cause);
    this.bucket = bucket;
  }

  public String bucket() {
    return bucket;
  }
}
