package io.sluice.storage.s3;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;

/**
 * Creating, deleting (emptying first when forced), probing and listing buckets; versioning,
 * policies and ACLs are {@link S3BucketAdmin}'s.
 */
final class S3Buckets {

  // Logged under the store's name, as before this class was split out of it.
  private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

  private final S3Client s3;
  private final S3ErrorTranslator errors;
  private final String region;
  private final S3BucketAdmin admin;
  private final S3Listings listings;
  private final S3Objects objects;

  S3Buckets(
      S3Client s3,
      S3ErrorTranslator errors,
      String region,
      S3BucketAdmin admin,
      S3Listings listings,
      S3Objects objects) {
    this.s3 = s3;
    this.errors = errors;
    this.region = region;
    this.admin = admin;
    this.listings = listings;
    this.objects = objects;
  }

  void createBucket(String bucket) {
    S3Operation op = S3Operation.bucket("create bucket", bucket);
    errors.call(
        op,
        () ->
            s3.createBucket(
                b -> {
                  b.bucket(bucket);
                  if (!"us-east-1".equals(region)) {
                    // Outside us-east-1, S3 wants the region named in the request body as well.
                    b.createBucketConfiguration(
                        CreateBucketConfiguration.builder().locationConstraint(region).build());
                  }
                }));
    LOG.debug("created bucket {} at {}", bucket, errors.endpointName());
  }

  void deleteBucket(String bucket, boolean force) {
    if (!force) {
      ObjectListing first = listings.listPage(bucket, new ListOptions("", null, 1), null);
      if (!first.objects().isEmpty()) {
        throw new BucketNotEmptyException(
            bucket,
            "it holds s3://"
                + bucket
                + "/"
                + first.objects().get(0).key()
                + (first.truncated() ? " and more" : ""));
      }
    } else {
      long objectCount = objects.deletePrefix(bucket, "");
      long versions = admin.deleteAllVersions(bucket);
      int uploads = admin.abortAllMultipartUploads(bucket);
      LOG.debug(
          "emptied bucket {}: {} objects, {} versions, {} unfinished uploads",
          bucket,
          objectCount,
          versions,
          uploads);
    }
    errors.call(
        S3Operation.bucket("delete bucket", bucket), () -> s3.deleteBucket(b -> b.bucket(bucket)));
  }

  boolean bucketExists(String bucket) {
    try {
      errors.call(
          S3Operation.bucket("head bucket", bucket), () -> s3.headBucket(b -> b.bucket(bucket)));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    }
  }

  List<BucketSummary> listBuckets() {
    return errors
        .call(new S3Operation("list buckets", null, null, null, null), () -> s3.listBuckets())
        .buckets()
        .stream()
        .map(b -> new BucketSummary(b.name(), b.creationDate()))
        .toList();
  }
}
