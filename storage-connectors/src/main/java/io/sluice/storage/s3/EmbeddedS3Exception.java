package io.sluice.storage.s3;

/** The embedded S3 endpoint could not start or stop; the message says where and why. */
public class EmbeddedS3Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EmbeddedS3Exception(String message) {
    super(message);
  }

  public EmbeddedS3Exception(String message, Throwable cause) {
    super(message, cause);
  }
}
