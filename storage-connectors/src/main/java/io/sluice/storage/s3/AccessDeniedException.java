package io.sluice.storage.s3;

/** The endpoint refused the credentials or the operation (HTTP 403). */
public class AccessDeniedException extends ObjectStoreException {
  private static final long serialVersionUID = 1L;

  private final String errorCode;

  public AccessDeniedException(
      String what, String endpoint, String credentials, String errorCode, Throwable cause) {
    super(
        "access denied to "
            + what
            + " at "
            + endpoint
            + " for "
            + credentials
            + " ("
            + errorCode
            + "); check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE) and the bucket policy",
        cause);
    this.errorCode = errorCode;
  }

  /** S3's error code, e.g. AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch. */
  public String errorCode() {
    return errorCode;
  }
}
