package io.sluice.storage.s3;

import static io.sluice.storage.s3.S3ETags.unquote;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Small objects, read and written in one request and held in memory, and deletes of one object or
 * of every object under a prefix. Files and large objects go through {@link S3Transfers}.
 */
final class S3Objects {

  private final S3Client s3;
  private final S3ErrorTranslator errors;
  private final S3BucketAdmin admin;
  private final S3Listings listings;

  S3Objects(S3Client s3, S3ErrorTranslator errors, S3BucketAdmin admin, S3Listings listings) {
    this.s3 = s3;
    this.errors = errors;
    this.admin = admin;
    this.listings = listings;
  }

  ObjectSummary putObject(String bucket, String key, byte[] content) {
    var r =
        errors.call(
            S3Operation.object("put", bucket, key),
            () ->
                s3.putObject(
                    b ->
                        b.bucket(bucket)
                            .key(key)
                            .contentLength((long) content.length)
                            .contentType(S3Transfers.contentType(key)),
                    RequestBody.fromBytes(content)));
    return new ObjectSummary(
        bucket, key, content.length, Instant.now(), unquote(r.eTag()), r.versionId());
  }

  byte[] readObject(String bucket, String key, String versionId, int maxBytes) {
    S3Operation op = S3Operation.object("get", bucket, key).version(versionId);
    try (ResponseInputStream<GetObjectResponse> in =
        errors.call(op, () -> s3.getObject(b -> b.bucket(bucket).key(key).versionId(versionId)))) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw new ObjectStoreException(
            "object s3://"
                + bucket
                + "/"
                + key
                + " is "
                + length
                + " bytes, more than the "
                + maxBytes
                + " read into memory; download it to a file instead");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ObjectStoreException(
          "reading s3://"
              + bucket
              + "/"
              + key
              + " from "
              + errors.endpointName()
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  void deleteObject(String bucket, String key) {
    errors.call(
        S3Operation.object("delete", bucket, key),
        () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
  }

  long deletePrefix(String bucket, String prefix) {
    long deleted = 0;
    // Each listed page (at most 1000 keys) becomes one DeleteObjects request, S3's batch limit.
    Iterator<ObjectListing> pages =
        listings.listPages(bucket, ListOptions.recursive(prefix)).iterator();
    while (pages.hasNext()) {
      List<ObjectIdentifier> ids =
          pages.next().objects().stream()
              .map(o -> ObjectIdentifier.builder().key(o.key()).build())
              .toList();
      if (!ids.isEmpty()) {
        deleted += admin.deleteBatch(bucket, ids);
      }
    }
    return deleted;
  }
}
