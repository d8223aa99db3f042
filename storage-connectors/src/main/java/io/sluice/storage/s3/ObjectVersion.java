package io.sluice.storage.s3;

import java.time.Instant;

/**
 * One version of an object in a versioned bucket, or a delete marker (which has no content).
 *
 * @param versionId "null" for the version written while versioning was off or suspended, as S3
 *     names it
 */
public record ObjectVersion(
    String bucket,
    String key,
    String versionId,
    long size,
    Instant lastModified,
    String eTag,
    boolean latest,
    boolean deleteMarker) {}
