package io.sluice.storage.s3;

import java.time.Instant;

/** A bucket as ListBuckets describes it; {@code created} may be null where an endpoint omits it. */
public record BucketSummary(String name, Instant created) {}
