package io.sluice.storage.s3;

/**
 * An upload, download or copy did not complete: interrupted, the source changed while it was read,
 * or the result failed verification. Nothing partial was made visible: multipart uploads were
 * aborted and partial downloads deleted.
 */
public class TransferFailedException extends ObjectStoreException {
  private static final long serialVersionUID = 1L;

  public TransferFailedException(String message) {
    super(message);
  }

  public TransferFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
