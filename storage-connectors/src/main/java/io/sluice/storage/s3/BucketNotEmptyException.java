package io.sluice.storage.s3;

import io.sluice.errors.UserError;

/** A bucket was to be deleted without force while it still holds objects (or object versions). */
public class BucketNotEmptyException extends ObjectStoreException implements UserError {
  private static final long serialVersionUID = 1L;

  private final String bucket;

  public BucketNotEmptyException(String bucket, String detail) {
    super(
        "bucket '"
            + bucket
            + "' is not empty ("
            + detail
            + "); delete its objects first or force the deletion");
    this.bucket = bucket;
  }

  public String bucket() {
    return bucket;
  }
}
