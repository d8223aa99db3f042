package io.sluice.storage.s3;

import static io.sluice.storage.s3.S3ETags.unquote;

import io.sluice.storage.StorageConfig;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * {@link ObjectStore} on AWS SDK v2: a synchronous {@link S3Client} on the Apache HTTP client,
 * configured from a {@link StorageConfig} (endpoint override, region, path-style addressing,
 * credentials), plus one bounded thread pool that runs the parts of ranged downloads and multipart
 * copies; uploads go through the SDK's transfer manager on its multipart async client.
 *
 * <p>This class holds buckets, small objects and listings; it hands transfers to {@link
 * S3Transfers}, versioning, policies and ACLs to {@link S3BucketAdmin}, presigned URLs to {@link
 * S3Presigning}, and every SDK failure to {@link S3ErrorTranslator}.
 *
 * <pre>{@code
 * try (ObjectStore store = S3ObjectStore.create(StorageConfig.fromEnvironment(System.getenv()))) {
 *   store.upload(Path.of("big.bin"), "bucket", "data/big.bin", (done, total) -> { });
 * }
 * }</pre>
 */
public final class S3ObjectStore implements ObjectStore {

  private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

  public static final long MIB = 1024L * 1024;

  /** S3's smallest part (all but the last). */
  public static final long MIN_PART_SIZE = 5 * MIB;

  /** S3's largest part count for one multipart upload. */
  public static final int MAX_PARTS = 10_000;

  /** S3's largest object CopyObject copies in one request. */
  public static final long MAX_SINGLE_COPY = 5L * 1024 * MIB;

  /** SigV4 presigned URLs live at most a week. */
  public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

  private final StorageConfig config;
  private final String endpointName;
  private final S3Client s3;
  private final ExecutorService pool;
  private final S3ErrorTranslator errors;
  private final S3BucketAdmin admin;
  private final SdkFileUploads uploads;
  private final S3Transfers transfers;
  private final S3Presigning presigning;
  private final S3Transfers.PartSizing sizing;

  // ApacheHttpClient (Apache HttpClient 4) is deprecated in favour of Apache5HttpClient in this
  // SDK,
  // but it is the HTTP client this module depends on and S3A (hadoop-aws) uses: one HTTP stack.
  @SuppressWarnings("deprecation")
  private S3ObjectStore(Builder b) {
    this.config = b.config;
    this.endpointName =
        config.s3Endpoint() != null
            ? config.s3Endpoint().toString()
            : "AWS S3 (" + config.region() + ")";
    this.sizing =
        new S3Transfers.PartSizing(b.multipartThreshold, b.partSize, b.copyMultipartThreshold);
    this.s3 =
        configure(S3Client.builder(), config)
            .httpClient(
                ApacheHttpClient.builder()
                    // Every transfer thread holds a connection; listings and HEADs need a few more.
                    .maxConnections(Math.max(16, b.parallelism * 2))
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .build();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "sluice-s3-transfer-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.pool = Executors.newFixedThreadPool(b.parallelism, factory);
    this.errors = new S3ErrorTranslator(s3, endpointName, config.credentials().toString());
    this.admin = new S3BucketAdmin(s3, errors);
    this.uploads = new SdkFileUploads(config, sizing, b.parallelism, errors, admin);
    this.transfers = new S3Transfers(s3, errors, admin, pool, sizing, uploads);
    this.presigning = new S3Presigning(config);
  }

  /** The settings the sync and the async client (for uploads, {@link SdkFileUploads}) share. */
  static <B extends S3BaseClientBuilder<B, C>, C> B configure(B client, StorageConfig config) {
    client
        .region(Region.of(config.region()))
        .credentialsProvider(config.credentials().provider())
        .forcePathStyle(config.pathStyleAccess())
        // SDK 2.30+ adds CRC checksums (and aws-chunked trailers) to every upload by default, which
        // many S3-compatible stores reject or ignore; send them only where S3 requires them. Over
        // HTTPS, TLS protects the payload; over plain HTTP, SigV4 signs it.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (config.s3Endpoint() != null) {
      client.endpointOverride(config.s3Endpoint());
    } else {
      // On AWS itself, reach buckets in other regions than the configured one.
      client.crossRegionAccessEnabled(true);
    }
    return client;
  }

  /** A store with the default transfer settings. */
  public static S3ObjectStore create(StorageConfig config) {
    return builder(config).build();
  }

  public static Builder builder(StorageConfig config) {
    return new Builder(config);
  }

  @Override
  public String endpointName() {
    return endpointName;
  }

  public long multipartThreshold() {
    return sizing.multipartThreshold();
  }

  /**
   * The part size an upload of {@code size} bytes uses: the configured part size, raised where
   * needed to stay within S3's 10,000 parts (in whole MiB).
   */
  public long partSizeFor(long size) {
    return sizing.partSizeFor(size);
  }

  // ---------------------------------------------------------------- buckets

  @Override
  public void createBucket(String bucket) {
    S3Operation op = S3Operation.bucket("create bucket", bucket);
    errors.call(
        op,
        () ->
            s3.createBucket(
                b -> {
                  b.bucket(bucket);
                  if (!"us-east-1".equals(config.region())) {
                    // Outside us-east-1, S3 wants the region named in the request body as well.
                    b.createBucketConfiguration(
                        CreateBucketConfiguration.builder()
                            .locationConstraint(config.region())
                            .build());
                  }
                }));
    LOG.debug("created bucket {} at {}", bucket, endpointName);
  }

  @Override
  public void deleteBucket(String bucket, boolean force) {
    if (!force) {
      ObjectListing first = listPage(bucket, new ListOptions("", null, 1), null);
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
      long objects = deletePrefix(bucket, "");
      long versions = admin.deleteAllVersions(bucket);
      int uploads = admin.abortAllMultipartUploads(bucket);
      LOG.debug(
          "emptied bucket {}: {} objects, {} versions, {} unfinished uploads",
          bucket,
          objects,
          versions,
          uploads);
    }
    errors.call(
        S3Operation.bucket("delete bucket", bucket), () -> s3.deleteBucket(b -> b.bucket(bucket)));
  }

  @Override
  public boolean bucketExists(String bucket) {
    try {
      errors.call(
          S3Operation.bucket("head bucket", bucket), () -> s3.headBucket(b -> b.bucket(bucket)));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    }
  }

  @Override
  public List<BucketSummary> listBuckets() {
    return errors
        .call(new S3Operation("list buckets", null, null, null, null), () -> s3.listBuckets())
        .buckets()
        .stream()
        .map(b -> new BucketSummary(b.name(), b.creationDate()))
        .toList();
  }

  // ---------------------------------------------------------------- objects

  @Override
  public ObjectSummary head(String bucket, String key) {
    return transfers.head(bucket, key, null);
  }

  @Override
  public boolean objectExists(String bucket, String key) {
    try {
      head(bucket, key);
      return true;
    } catch (NoSuchObjectException e) {
      return false;
    }
  }

  @Override
  public ObjectSummary putObject(String bucket, String key, byte[] content) {
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

  @Override
  public byte[] readObject(String bucket, String key, String versionId, int maxBytes) {
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
              + endpointName
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void deleteObject(String bucket, String key) {
    errors.call(
        S3Operation.object("delete", bucket, key),
        () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
  }

  @Override
  public long deletePrefix(String bucket, String prefix) {
    long deleted = 0;
    // Each listed page (at most 1000 keys) becomes one DeleteObjects request, S3's batch limit.
    Iterator<ObjectListing> pages = listPages(bucket, ListOptions.recursive(prefix)).iterator();
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

  // ---------------------------------------------------------------- transfers

  @Override
  public TransferResult upload(Path file, String bucket, String key, TransferListener listener) {
    return transfers.upload(file, bucket, key, listener);
  }

  @Override
  public TransferResult download(
      String bucket, String key, String versionId, Path target, TransferListener listener) {
    return transfers.download(bucket, key, versionId, target, listener);
  }

  @Override
  public TransferResult copy(
      String sourceBucket,
      String sourceKey,
      String targetBucket,
      String targetKey,
      TransferListener listener) {
    return transfers.copy(sourceBucket, sourceKey, targetBucket, targetKey, listener);
  }

  // ---------------------------------------------------------------- listings

  @Override
  public ObjectListing listPage(String bucket, ListOptions options, String continuationToken) {
    ListObjectsV2Response r =
        errors.call(
            S3Operation.bucket("list", bucket),
            () ->
                s3.listObjectsV2(
                    b ->
                        b.bucket(bucket)
                            .prefix(options.prefix().isEmpty() ? null : options.prefix())
                            .delimiter(options.delimiter())
                            .maxKeys(options.pageSize())
                            .continuationToken(continuationToken)));
    List<ObjectSummary> objects =
        r.contents().stream()
            .map(
                o ->
                    new ObjectSummary(
                        bucket,
                        o.key(),
                        o.size() == null ? 0 : o.size(),
                        o.lastModified(),
                        unquote(o.eTag()),
                        null))
            .toList();
    List<String> prefixes = r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    String next = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
    if (Boolean.TRUE.equals(r.isTruncated()) && next == null) {
      throw new ObjectStoreException(
          "the S3 endpoint "
              + endpointName
              + " truncated a listing of bucket '"
              + bucket
              + "' without a continuation token; it does not implement ListObjectsV2 paging");
    }
    return new ObjectListing(
        bucket, options.prefix(), options.delimiter(), objects, prefixes, next);
  }

  @Override
  public Stream<ObjectListing> listPages(String bucket, ListOptions options) {
    Iterator<ObjectListing> pages =
        new Iterator<>() {
          private ObjectListing next = listPage(bucket, options, null);

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public ObjectListing next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            ObjectListing current = next;
            next =
                current.truncated()
                    ? listPage(bucket, options, current.nextContinuationToken())
                    : null;
            return current;
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  // ---------------------------------------------------------------- versioning, policies, ACLs

  @Override
  public void setVersioning(String bucket, VersioningState state) {
    admin.setVersioning(bucket, state);
  }

  @Override
  public VersioningState versioning(String bucket) {
    return admin.versioning(bucket);
  }

  @Override
  public Stream<ObjectVersion> listVersions(String bucket, String prefix) {
    return admin.listVersions(bucket, prefix);
  }

  @Override
  public void putBucketPolicy(String bucket, String policyJson) {
    admin.putBucketPolicy(bucket, policyJson);
  }

  @Override
  public Optional<String> bucketPolicy(String bucket) {
    return admin.bucketPolicy(bucket);
  }

  @Override
  public void deleteBucketPolicy(String bucket) {
    admin.deleteBucketPolicy(bucket);
  }

  @Override
  public void setBucketAcl(String bucket, CannedAcl acl) {
    admin.setBucketAcl(bucket, acl);
  }

  @Override
  public void setObjectAcl(String bucket, String key, CannedAcl acl) {
    admin.setObjectAcl(bucket, key, acl);
  }

  @Override
  public AccessControlList bucketAcl(String bucket) {
    return admin.bucketAcl(bucket);
  }

  @Override
  public AccessControlList objectAcl(String bucket, String key) {
    return admin.objectAcl(bucket, key);
  }

  // ---------------------------------------------------------------- presigned URLs

  @Override
  public URL presignGet(String bucket, String key, Duration expiry) {
    return presigning.presignGet(bucket, key, expiry);
  }

  @Override
  public URL presignPut(String bucket, String key, Duration expiry) {
    return presigning.presignPut(bucket, key, expiry);
  }

  @Override
  public void close() {
    // No part outlives its transfer (ParallelParts waits for them), so there is nothing to wait
    // for.
    pool.shutdownNow();
    presigning.close();
    uploads.close();
    s3.close();
  }

  /** Transfer settings; every one has a sensible default. */
  public static final class Builder {
    private final StorageConfig config;
    private long multipartThreshold = 16 * MIB;
    private long partSize = 8 * MIB;
    private long copyMultipartThreshold = MAX_SINGLE_COPY;
    private int parallelism =
        Math.min(16, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private Builder(StorageConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Files larger than this are uploaded (and objects downloaded) in parallel parts; default 16
     * MiB.
     */
    public Builder multipartThreshold(long bytes) {
      if (bytes < MIN_PART_SIZE) {
        throw new IllegalArgumentException(
            "multipart threshold must be at least 5 MiB, got " + bytes);
      }
      this.multipartThreshold = bytes;
      return this;
    }

    /**
     * Part size of multipart uploads, copies and ranged downloads; default 8 MiB, at least 5 MiB
     * (S3's minimum).
     */
    public Builder partSize(long bytes) {
      if (bytes < MIN_PART_SIZE || bytes > 5L * 1024 * MIB) {
        throw new IllegalArgumentException("part size must be 5 MiB to 5 GiB, got " + bytes);
      }
      this.partSize = bytes;
      return this;
    }

    /** Objects larger than this are copied in parts (UploadPartCopy); default and maximum 5 GiB. */
    public Builder copyMultipartThreshold(long bytes) {
      if (bytes < MIN_PART_SIZE || bytes > MAX_SINGLE_COPY) {
        throw new IllegalArgumentException(
            "copy multipart threshold must be 5 MiB to 5 GiB, got " + bytes);
      }
      this.copyMultipartThreshold = bytes;
      return this;
    }

    /** Parts in flight at once, across all transfers of this store; default 2 per core, 4 to 16. */
    public Builder parallelism(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("parallelism must be 1..64, got " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    public S3ObjectStore build() {
      return new S3ObjectStore(this);
    }
  }
}
