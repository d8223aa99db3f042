package io.sluice.storage.s3;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Administration of an S3-compatible object store: buckets, transfers, listings, versioning,
 * policies, ACLs and presigned URLs. Every method fails with an {@link ObjectStoreException}
 * subclass whose one-line message names the endpoint, bucket and key: {@link
 * NoSuchBucketException}, {@link NoSuchObjectException}, {@link AccessDeniedException}, {@link
 * FeatureNotSupportedException} (the endpoint does not implement the feature), and so on; or with
 * {@link io.sluice.errors.EndpointUnreachableException} when nothing answers at the endpoint.
 *
 * <p>Transfers never make a partial result visible: a failed or interrupted multipart upload is
 * aborted, and a download is written to a temporary file beside the target that is moved into place
 * only once complete and verified.
 *
 * <p>Implementations are thread-safe. {@link S3ObjectStore} is the one on AWS SDK v2.
 */
public interface ObjectStore extends AutoCloseable {

  /** The endpoint, as messages name it: a URL, or "AWS S3 (region)". */
  String endpointName();

  // ---- unfinished multipart uploads

  /** The unfinished multipart uploads whose keys start with {@code prefix}, oldest first. */
  List<PendingUpload> pendingUploads(String bucket, String prefix);

  /** Aborts one unfinished multipart upload: its parts are deleted. */
  void abortUpload(PendingUpload upload);

  // ---- buckets

  void createBucket(String bucket);

  /**
   * Deletes a bucket. Without {@code force} a bucket that still holds objects is refused with
   * {@link BucketNotEmptyException}; with it, its objects (and, where the endpoint keeps them,
   * object versions and unfinished multipart uploads) are deleted first.
   */
  void deleteBucket(String bucket, boolean force);

  boolean bucketExists(String bucket);

  List<BucketSummary> listBuckets();

  // ---- objects

  /** The object's size, ETag and modification time; {@link NoSuchObjectException} if absent. */
  ObjectSummary head(String bucket, String key);

  boolean objectExists(String bucket, String key);

  /**
   * Uploads a file: one PUT below the multipart threshold, otherwise a multipart upload whose parts
   * are read from the file at their offsets and sent in parallel (the file is never held in
   * memory).
   */
  TransferResult upload(Path file, String bucket, String key, TransferListener listener);

  /**
   * Downloads the current version of an object; see {@link #download(String, String, String, Path,
   * TransferListener)}.
   */
  default TransferResult download(
      String bucket, String key, Path target, TransferListener listener) {
    return download(bucket, key, null, target, listener);
  }

  /**
   * Downloads an object (a given version when {@code versionId} is not null) to {@code target},
   * replacing it. Large objects are fetched with ranged GETs in parallel, written at their offsets
   * into a temporary file beside the target; the result's size (and MD5, when the ETag is one) is
   * verified before the file is atomically moved into place.
   */
  TransferResult download(
      String bucket, String key, String versionId, Path target, TransferListener listener);

  /** Writes a small object from memory (markers, policies, tests). */
  ObjectSummary putObject(String bucket, String key, byte[] content);

  /** Reads a small object into memory; refuses objects larger than {@code maxBytes}. */
  byte[] readObject(String bucket, String key, String versionId, int maxBytes);

  /** Server-side copy; objects above 5 GiB (S3's CopyObject limit) are copied in parallel parts. */
  TransferResult copy(
      String sourceBucket,
      String sourceKey,
      String targetBucket,
      String targetKey,
      TransferListener listener);

  /** Deletes one object; deleting a key that does not exist succeeds, as in S3. */
  void deleteObject(String bucket, String key);

  /**
   * Deletes every object whose key starts with {@code prefix}, 1000 per request; returns how many.
   */
  long deletePrefix(String bucket, String prefix);

  // ---- listings

  /** One page of a listing, starting at {@code continuationToken} (null for the first page). */
  ObjectListing listPage(String bucket, ListOptions options, String continuationToken);

  /** All pages of a listing, each fetched when the stream reaches it. */
  Stream<ObjectListing> listPages(String bucket, ListOptions options);

  /** Every object under a prefix, recursively, in key order; pages are fetched lazily. */
  default Stream<ObjectSummary> listObjects(String bucket, String prefix) {
    return listPages(bucket, ListOptions.recursive(prefix))
        .flatMap(page -> page.objects().stream());
  }

  // ---- versioning

  /**
   * Enables or suspends versioning (it cannot be turned off once enabled; UNVERSIONED is refused).
   */
  void setVersioning(String bucket, VersioningState state);

  VersioningState versioning(String bucket);

  /** Versions and delete markers of the keys under a prefix, newest first per key; lazily paged. */
  Stream<ObjectVersion> listVersions(String bucket, String prefix);

  // ---- bucket policy

  /** Sets the bucket policy (a JSON document). */
  void putBucketPolicy(String bucket, String policyJson);

  /** The bucket policy, or empty when the bucket has none. */
  Optional<String> bucketPolicy(String bucket);

  void deleteBucketPolicy(String bucket);

  // ---- ACLs

  void setBucketAcl(String bucket, CannedAcl acl);

  void setObjectAcl(String bucket, String key, CannedAcl acl);

  AccessControlList bucketAcl(String bucket);

  AccessControlList objectAcl(String bucket, String key);

  // ---- presigned URLs

  /** A URL anyone can GET the object with until it expires (at most 7 days, SigV4's limit). */
  URL presignGet(String bucket, String key, Duration expiry);

  /** A URL anyone can PUT the object's content to until it expires (at most 7 days). */
  URL presignPut(String bucket, String key, Duration expiry);

  /** Releases connections and transfer threads; does not throw. */
  @Override
  void close();
}
