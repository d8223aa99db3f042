package io.sluice.storage.s3;

import io.sluice.concurrent.DaemonThreads;
import io.sluice.storage.StorageConfig;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link ObjectStore} on AWS SDK v2: a synchronous {@link S3Client} on the Apache HTTP client,
 * configured from a {@link StorageConfig} (endpoint override, region, path-style addressing,
 * credentials), plus one bounded thread pool that runs the parts of ranged downloads and multipart
 * copies; uploads go through the SDK's transfer manager on its multipart async client.
 *
 * <p>This class builds the clients and the pool and delegates: buckets to {@link S3Buckets}, small
 * objects and deletes to {@link S3Objects}, listings to {@link S3Listings}, transfers to {@link
 * S3Transfers}, versioning, policies and ACLs to {@link S3BucketAdmin}, presigned URLs to {@link
 * S3Presigning}; every SDK failure goes through {@link S3ErrorTranslator}.
 *
 * <pre>{@code
 * try (ObjectStore store = S3ObjectStore.create(StorageConfig.fromEnvironment(System.getenv()))) {
 *   store.upload(Path.of("big.bin"), "bucket", "data/big.bin", (done, total) -> { });
 * }
 * }</pre>
 */
public final class S3ObjectStore implements ObjectStore {

  public static final long MIB = 1024L * 1024;

  /** S3's smallest part (all but the last). */
  public static final long MIN_PART_SIZE = 5 * MIB;

  /** S3's largest part count for one multipart upload. */
  public static final int MAX_PARTS = 10_000;

  /** S3's largest object CopyObject copies in one request. */
  public static final long MAX_SINGLE_COPY = 5L * 1024 * MIB;

  /** SigV4 presigned URLs live at most a week. */
  public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

  private final String endpointName;
  private final S3Client s3;
  private final ExecutorService pool;
  private final S3ErrorTranslator errors;
  private final S3BucketAdmin admin;
  private final SdkFileUploads uploads;
  private final S3Transfers transfers;
  private final S3Presigning presigning;
  private final S3Listings listings;
  private final S3Objects objects;
  private final S3Buckets buckets;
  private final S3Transfers.PartSizing sizing;

  // ApacheHttpClient (Apache HttpClient 4) is deprecated in favour of Apache5HttpClient in this
  // SDK, but it is the HTTP client this module depends on and S3A (hadoop-aws) uses: one HTTP
  // stack.
  @SuppressWarnings("deprecation")
  private S3ObjectStore(Builder b) {
    StorageConfig config = b.config;
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
    this.pool =
        Executors.newFixedThreadPool(b.parallelism, DaemonThreads.numbered("sluice-s3-transfer-"));
    this.errors = new S3ErrorTranslator(s3, endpointName, config.credentials().toString());
    this.admin = new S3BucketAdmin(s3, errors);
    this.uploads = new SdkFileUploads(config, sizing, b.parallelism, errors, admin);
    this.transfers = new S3Transfers(s3, errors, admin, pool, sizing, uploads);
    this.presigning = new S3Presigning(config);
    this.listings = new S3Listings(s3, errors);
    this.objects = new S3Objects(s3, errors, admin, listings);
    this.buckets = new S3Buckets(s3, errors, config.region(), admin, listings, objects);
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
    buckets.createBucket(bucket);
  }

  @Override
  public void deleteBucket(String bucket, boolean force) {
    buckets.deleteBucket(bucket, force);
  }

  @Override
  public boolean bucketExists(String bucket) {
    return buckets.bucketExists(bucket);
  }

  @Override
  public List<BucketSummary> listBuckets() {
    return buckets.listBuckets();
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
    return objects.putObject(bucket, key, content);
  }

  @Override
  public byte[] readObject(String bucket, String key, String versionId, int maxBytes) {
    return objects.readObject(bucket, key, versionId, maxBytes);
  }

  @Override
  public void deleteObject(String bucket, String key) {
    objects.deleteObject(bucket, key);
  }

  @Override
  public long deletePrefix(String bucket, String prefix) {
    return objects.deletePrefix(bucket, prefix);
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
    return listings.listPage(bucket, options, continuationToken);
  }

  @Override
  public Stream<ObjectListing> listPages(String bucket, ListOptions options) {
    return listings.listPages(bucket, options);
  }

  // ---------------------------------------------------------------- unfinished uploads

  @Override
  public List<PendingUpload> pendingUploads(String bucket, String prefix) {
    return admin.pendingUploads(bucket, prefix);
  }

  @Override
  public void abortUpload(PendingUpload upload) {
    admin.abortUpload(upload);
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
    // No part outlives its transfer (ParallelParts waits for them): nothing to wait for.
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
