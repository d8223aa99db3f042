package io.sluice.storage.s3;

import java.time.Instant;
import java.util.Objects;

/**
 * One object as a listing or a HEAD request describes it.
 *
 * @param eTag the entity tag without quotes; for a single-part upload without SSE-KMS it is the hex
 *     MD5 of the content, for a multipart upload {@code md5(part md5s)-partCount}
 * @param versionId null when the bucket is not versioned or the endpoint does not say
 */
public record ObjectSummary(
    String bucket, String key, long size, Instant lastModified, String eTag, String versionId) {

  public ObjectSummary {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
  }

  /** True when the ETag is that of a multipart upload, so it is not the content's MD5. */
  public boolean multipartETag() {
    return eTag != null && eTag.contains("-");
  }

  /** {@code s3://bucket/key}. */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
