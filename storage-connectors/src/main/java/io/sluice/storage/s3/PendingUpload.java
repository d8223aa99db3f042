package io.sluice.storage.s3;

import java.time.Instant;

/**
 * A multipart upload that was started and neither completed nor aborted: its parts are stored (and
 * billed) but no object is visible.
 *
 * @param initiated when the upload was started; null when the endpoint does not say
 */
public record PendingUpload(String bucket, String key, String uploadId, Instant initiated) {

  /** {@code s3://bucket/key}. */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
