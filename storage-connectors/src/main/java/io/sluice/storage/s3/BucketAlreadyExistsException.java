package io.sluice.storage.s3;

import io.sluice.errors.UserError;

/** The bucket to create exists already, owned by these credentials or by someone else. */
public class BucketAlreadyExistsException extends ObjectStoreException implements UserError {
  private static final long serialVersionUID = 1L;

  private final String bucket;
  private final boolean ownedByYou;

  public BucketAlreadyExistsException(
      String bucket, boolean ownedByYou, String endpoint, Throwable cause) {
    super(
        "bucket '"
            + bucket
            + "' already exists at "
            + endpoint
            + (ownedByYou
                ? " (owned by these credentials)"
                : " and belongs to another account; bucket names are global"),
        cause);
    this.bucket = bucket;
    this.ownedByYou = ownedByYou;
  }

  public String bucket() {
    return bucket;
  }

  public boolean ownedByYou() {
    return ownedByYou;
  }
}
