package io.sluice.storage.s3;

import io.sluice.errors.UserError;

/** The object (or the requested version of it) does not exist. */
public class NoSuchObjectException extends ObjectStoreException implements UserError {
  private static final long serialVersionUID = 1L;

  private final String bucket;
  private final String key;
  private final String versionId;

  public NoSuchObjectException(
      String bucket, String key, String versionId, String endpoint, Throwable cause) {
    super(
        (versionId == null
                ? "object s3://" + bucket + "/" + key
                : "version " + versionId + " of object s3://" + bucket + "/" + key)
            + " does not exist at "
            + endpoint,
        cause);
    this.bucket = bucket;
    this.key = key;
    this.versionId = versionId;
  }

  public String bucket() {
    return bucket;
  }

  public String key() {
    return key;
  }

  /** The version asked for, or null for the current object. */
  public String versionId() {
    return versionId;
  }
}
