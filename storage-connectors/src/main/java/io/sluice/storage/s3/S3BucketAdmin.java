package io.sluice.storage.s3;

import static io.sluice.storage.s3.S3ETags.unquote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Bucket administration beyond create/delete: versioning, policies, ACLs, batch deletes and the
 * clean-up of versions and unfinished uploads that deleting a bucket needs.
 */
final class S3BucketAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(S3BucketAdmin.class);

  private final S3Client s3;
  private final S3ErrorTranslator errors;

  S3BucketAdmin(S3Client s3, S3ErrorTranslator errors) {
    this.s3 = s3;
    this.errors = errors;
  }

  // ---------------------------------------------------------------- deletes

  /**
   * One DeleteObjects request (at most 1000 keys, S3's batch limit); returns how many were deleted.
   */
  long deleteBatch(String bucket, List<ObjectIdentifier> ids) {
    Delete delete = Delete.builder().objects(ids).quiet(true).build();
    DeleteObjectsResponse r =
        errors.call(
            S3Operation.bucket("delete objects in", bucket).feature("multi-object delete"),
            () -> s3.deleteObjects(b -> b.bucket(bucket).delete(delete)));
    if (r.hasErrors() && !r.errors().isEmpty()) {
      S3Error first = r.errors().get(0);
      throw new ObjectStoreException(
          "could not delete "
              + r.errors().size()
              + " of "
              + ids.size()
              + " objects in bucket '"
              + bucket
              + "' at "
              + errors.endpointName()
              + ", e.g. s3://"
              + bucket
              + "/"
              + first.key()
              + ": "
              + first.code()
              + " "
              + first.message());
    }
    return ids.size();
  }

  /**
   * Deletes every version and delete marker, where the endpoint keeps versions; returns how many.
   */
  long deleteAllVersions(String bucket) {
    try {
      if (versioning(bucket) == VersioningState.UNVERSIONED) {
        return 0;
      }
    } catch (FeatureNotSupportedException e) {
      return 0;
    }
    long deleted = 0;
    List<ObjectIdentifier> batch = new ArrayList<>();
    Iterator<ObjectVersion> it = listVersions(bucket, "").iterator();
    while (it.hasNext()) {
      ObjectVersion v = it.next();
      batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build());
      if (batch.size() == ListOptions.MAX_PAGE_SIZE) {
        deleted += deleteBatch(bucket, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      deleted += deleteBatch(bucket, batch);
    }
    return deleted;
  }

  /** Aborts unfinished multipart uploads, which would keep a bucket from being deleted. */
  int abortAllMultipartUploads(String bucket) {
    int aborted = 0;
    String keyMarker = null;
    String uploadIdMarker = null;
    while (true) {
      String km = keyMarker;
      String um = uploadIdMarker;
      ListMultipartUploadsResponse page;
      try {
        page =
            errors.call(
                S3Operation.bucket("list multipart uploads", bucket)
                    .feature("listing multipart uploads"),
                () ->
                    s3.listMultipartUploads(
                        b -> b.bucket(bucket).keyMarker(km).uploadIdMarker(um)));
      } catch (FeatureNotSupportedException e) {
        return aborted;
      }
      for (MultipartUpload upload : page.uploads()) {
        abortQuietly(bucket, upload.key(), upload.uploadId());
        aborted++;
      }
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return aborted;
      }
      keyMarker = page.nextKeyMarker();
      uploadIdMarker = page.nextUploadIdMarker();
    }
  }

  /**
   * Aborts the unfinished multipart uploads of one key (an upload the caller gave up on, whose id
   * it does not know).
   */
  void abortUploadsOf(String bucket, String key) {
    try {
      errors
          .call(
              S3Operation.object("list multipart uploads of", bucket, key)
                  .feature("listing multipart uploads"),
              () -> s3.listMultipartUploads(b -> b.bucket(bucket).prefix(key)))
          .uploads()
          .stream()
          .filter(u -> key.equals(u.key()))
          .forEach(u -> abortQuietly(bucket, key, u.uploadId()));
    } catch (ObjectStoreException e) {
      LOG.warn(
          "could not list the unfinished uploads of s3://{}/{} at {} ({})",
          bucket,
          key,
          errors.endpointName(),
          e.getMessage());
    }
  }

  /** The unfinished multipart uploads under {@code prefix}, oldest first. */
  List<PendingUpload> pendingUploads(String bucket, String prefix) {
    List<PendingUpload> pending = new ArrayList<>();
    String keyMarker = null;
    String uploadIdMarker = null;
    // Bounded: each page moves the markers on; a store that repeats a page would loop.
    for (int page = 0; page < 100_000; page++) {
      String km = keyMarker;
      String um = uploadIdMarker;
      ListMultipartUploadsResponse response =
          errors.call(
              S3Operation.object("list multipart uploads under", bucket, prefix)
                  .feature("listing multipart uploads"),
              () ->
                  s3.listMultipartUploads(
                      b -> b.bucket(bucket).prefix(prefix).keyMarker(km).uploadIdMarker(um)));
      for (MultipartUpload upload : response.uploads()) {
        pending.add(new PendingUpload(bucket, upload.key(), upload.uploadId(), upload.initiated()));
      }
      if (!Boolean.TRUE.equals(response.isTruncated())) {
        break;
      }
      keyMarker = response.nextKeyMarker();
      uploadIdMarker = response.nextUploadIdMarker();
    }
    pending.sort(
        Comparator.comparing(
            PendingUpload::initiated, Comparator.nullsLast(Comparator.naturalOrder())));
    return pending;
  }

  void abortUpload(PendingUpload upload) {
    errors.call(
        S3Operation.object("abort multipart upload of", upload.bucket(), upload.key()),
        () ->
            s3.abortMultipartUpload(
                b -> b.bucket(upload.bucket()).key(upload.key()).uploadId(upload.uploadId())));
  }

  /**
   * Aborts one multipart upload; a failure is logged, not thrown (the caller is already failing or
   * cleaning up).
   */
  void abortQuietly(String bucket, String key, String uploadId) {
    try {
      // AbortMultipartUpload deletes the parts; a later complete would be refused.
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      LOG.debug("aborted multipart upload {} of s3://{}/{}", uploadId, bucket, key);
    } catch (SdkException e) {
      LOG.warn(
          "could not abort multipart upload {} of s3://{}/{} at {} ({}); its parts stay billed until a "
              + "lifecycle rule or `sluice s3 rb --force` removes them",
          uploadId,
          bucket,
          key,
          errors.endpointName(),
          e.getMessage());
    }
  }

  // ---------------------------------------------------------------- versioning

  void setVersioning(String bucket, VersioningState state) {
    BucketVersioningStatus status =
        switch (Objects.requireNonNull(state, "state")) {
          case ENABLED -> BucketVersioningStatus.ENABLED;
          case SUSPENDED -> BucketVersioningStatus.SUSPENDED;
          case UNVERSIONED ->
              throw new IllegalArgumentException(
                  "versioning cannot be turned off once enabled, only suspended; bucket '"
                      + bucket
                      + "'");
        };
    errors.call(
        S3Operation.bucket("set versioning of", bucket).feature("bucket versioning"),
        () ->
            s3.putBucketVersioning(
                b -> b.bucket(bucket).versioningConfiguration(v -> v.status(status))));
  }

  VersioningState versioning(String bucket) {
    var r =
        errors.call(
            S3Operation.bucket("get versioning of", bucket).feature("bucket versioning"),
            () -> s3.getBucketVersioning(b -> b.bucket(bucket)));
    if (r.status() == BucketVersioningStatus.ENABLED) {
      return VersioningState.ENABLED;
    }
    if (r.status() == BucketVersioningStatus.SUSPENDED) {
      return VersioningState.SUSPENDED;
    }
    return VersioningState.UNVERSIONED;
  }

  Stream<ObjectVersion> listVersions(String bucket, String prefix) {
    S3Operation op =
        S3Operation.bucket("list object versions in", bucket)
            .feature("bucket versioning (ListObjectVersions)");
    Iterator<List<ObjectVersion>> pages =
        new Iterator<>() {
          private ListObjectVersionsResponse next = fetch(null, null);

          private ListObjectVersionsResponse fetch(String keyMarker, String versionIdMarker) {
            return errors.call(
                op,
                () ->
                    s3.listObjectVersions(
                        b ->
                            b.bucket(bucket)
                                .prefix(prefix == null || prefix.isEmpty() ? null : prefix)
                                .keyMarker(keyMarker)
                                .versionIdMarker(versionIdMarker)));
          }

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public List<ObjectVersion> next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            ListObjectVersionsResponse page = next;
            next =
                Boolean.TRUE.equals(page.isTruncated())
                    ? fetch(page.nextKeyMarker(), page.nextVersionIdMarker())
                    : null;
            List<ObjectVersion> versions = new ArrayList<>();
            page.versions()
                .forEach(
                    v ->
                        versions.add(
                            new ObjectVersion(
                                bucket,
                                v.key(),
                                v.versionId(),
                                v.size() == null ? 0 : v.size(),
                                v.lastModified(),
                                unquote(v.eTag()),
                                Boolean.TRUE.equals(v.isLatest()),
                                false)));
            page.deleteMarkers()
                .forEach(
                    m ->
                        versions.add(
                            new ObjectVersion(
                                bucket,
                                m.key(),
                                m.versionId(),
                                0,
                                m.lastModified(),
                                null,
                                Boolean.TRUE.equals(m.isLatest()),
                                true)));
            // S3 returns versions and delete markers in two lists; merge them back into S3's order.
            versions.sort(
                Comparator.comparing(ObjectVersion::key)
                    .thenComparing(
                        ObjectVersion::lastModified,
                        Comparator.nullsLast(Comparator.reverseOrder())));
            return versions;
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .flatMap(List::stream);
  }

  // ---------------------------------------------------------------- bucket policy

  void putBucketPolicy(String bucket, String policyJson) {
    if (policyJson == null || !policyJson.strip().startsWith("{")) {
      throw new IllegalArgumentException(
          "a bucket policy is a JSON document ({\"Version\": \"2012-10-17\", "
              + "\"Statement\": [...]}); bucket '"
              + bucket
              + "'");
    }
    errors.call(
        S3Operation.bucket("put the policy of", bucket).feature("bucket policies"),
        () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(policyJson)));
  }

  Optional<String> bucketPolicy(String bucket) {
    S3Operation op = S3Operation.bucket("get the policy of", bucket).feature("bucket policies");
    try {
      String policy = errors.call(op, () -> s3.getBucketPolicy(b -> b.bucket(bucket))).policy();
      if (policy != null && policy.strip().startsWith("<")) {
        // Endpoints that do not route ?policy answer with some other XML document (a listing).
        throw new FeatureNotSupportedException(
            "bucket policies",
            errors.endpointName(),
            "GetBucketPolicy was answered with an XML document instead of a policy",
            null);
      }
      return Optional.ofNullable(policy);
    } catch (S3ErrorTranslator.NoSuchPolicyException e) {
      return Optional.empty();
    }
  }

  void deleteBucketPolicy(String bucket) {
    errors.call(
        S3Operation.bucket("delete the policy of", bucket).feature("bucket policies"),
        () -> s3.deleteBucketPolicy(b -> b.bucket(bucket)));
  }

  // ---------------------------------------------------------------- ACLs

  void setBucketAcl(String bucket, CannedAcl acl) {
    errors.call(
        S3Operation.bucket("set the ACL of", bucket).feature("bucket ACLs"),
        () ->
            s3.putBucketAcl(
                b -> b.bucket(bucket).acl(BucketCannedACL.fromValue(acl.headerValue()))));
  }

  void setObjectAcl(String bucket, String key, CannedAcl acl) {
    errors.call(
        S3Operation.object("set the ACL of", bucket, key).feature("object ACLs"),
        () ->
            s3.putObjectAcl(
                b -> b.bucket(bucket).key(key).acl(ObjectCannedACL.fromValue(acl.headerValue()))));
  }

  AccessControlList bucketAcl(String bucket) {
    GetBucketAclResponse r =
        errors.call(
            S3Operation.bucket("get the ACL of", bucket).feature("bucket ACLs"),
            () -> s3.getBucketAcl(b -> b.bucket(bucket)));
    return acl(r.owner(), r.grants());
  }

  AccessControlList objectAcl(String bucket, String key) {
    GetObjectAclResponse r =
        errors.call(
            S3Operation.object("get the ACL of", bucket, key).feature("object ACLs"),
            () -> s3.getObjectAcl(b -> b.bucket(bucket).key(key)));
    return acl(r.owner(), r.grants());
  }

  private static AccessControlList acl(Owner owner, List<Grant> grants) {
    String ownerName =
        owner == null ? null : owner.displayName() != null ? owner.displayName() : owner.id();
    List<AccessControlList.Grant> list =
        grants.stream()
            .map(g -> new AccessControlList.Grant(grantee(g.grantee()), g.permissionAsString()))
            .toList();
    return new AccessControlList(ownerName, list);
  }

  private static String grantee(Grantee g) {
    if (g == null) {
      return "?";
    }
    if (g.uri() != null) {
      return g.uri();
    }
    if (g.emailAddress() != null) {
      return g.emailAddress();
    }
    return g.id() != null ? g.id() : String.valueOf(g.displayName());
  }
}
