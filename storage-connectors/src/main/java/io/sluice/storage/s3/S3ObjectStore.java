package io.sluice.storage.s3;

import io.sluice.storage.StorageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ObjectStore} on AWS SDK v2: a synchronous {@link S3Client} on the Apache HTTP client,
 * configured from a {@link StorageConfig} (endpoint override, region, path-style addressing,
 * credentials), plus one bounded thread pool that runs the parts of parallel transfers.
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

  private static final int IO_BUFFER = 256 * 1024;
  private static final int PART_READ_ATTEMPTS = 3;

  private final StorageConfig config;
  private final String endpointName;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final ExecutorService pool;
  private final long multipartThreshold;
  private final long partSize;
  private final long copyMultipartThreshold;
  private final int parallelism;

  // ApacheHttpClient (Apache HttpClient 4) is deprecated in favour of Apache5HttpClient in this SDK,
  // but it is the HTTP client this module depends on and S3A (hadoop-aws) uses: one HTTP stack.
  @SuppressWarnings("deprecation")
  private S3ObjectStore(Builder b) {
    this.config = b.config;
    this.endpointName = config.s3Endpoint() != null ? config.s3Endpoint().toString() : "AWS S3 (" + config.region() + ")";
    this.multipartThreshold = b.multipartThreshold;
    this.partSize = b.partSize;
    this.copyMultipartThreshold = b.copyMultipartThreshold;
    this.parallelism = b.parallelism;
    S3ClientBuilder client = S3Client.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(config.credentials().provider())
        .forcePathStyle(config.pathStyleAccess())
        // SDK 2.30+ adds CRC checksums (and aws-chunked trailers) to every upload by default, which
        // many S3-compatible stores reject or ignore; send them only where S3 requires them. Over
        // HTTPS, TLS protects the payload; over plain HTTP, SigV4 signs it.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClient(ApacheHttpClient.builder()
            // Every transfer thread holds a connection; listings and HEADs need a few more.
            .maxConnections(Math.max(16, parallelism * 2))
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build());
    S3Presigner.Builder presign = S3Presigner.builder()
        .region(Region.of(config.region()))
        .credentialsProvider(config.credentials().provider())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyleAccess()).build());
    if (config.s3Endpoint() != null) {
      client.endpointOverride(config.s3Endpoint());
      presign.endpointOverride(config.s3Endpoint());
    } else {
      // On AWS itself, reach buckets in other regions than the configured one.
      client.crossRegionAccessEnabled(true);
    }
    this.s3 = client.build();
    this.presigner = presign.build();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "sluice-s3-transfer-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.pool = Executors.newFixedThreadPool(parallelism, factory);
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
    return multipartThreshold;
  }

  /**
   * The part size an upload of {@code size} bytes uses: the configured part size, raised where
   * needed to stay within S3's 10,000 parts (in whole MiB).
   */
  public long partSizeFor(long size) {
    long minimum = (size + MAX_PARTS - 1) / MAX_PARTS;
    if (minimum <= partSize) {
      return partSize;
    }
    return (minimum + MIB - 1) / MIB * MIB;
  }

  // ---------------------------------------------------------------- buckets

  @Override
  public void createBucket(String bucket) {
    Op op = Op.bucket("create bucket", bucket);
    call(op, () -> s3.createBucket(b -> {
      b.bucket(bucket);
      if (!"us-east-1".equals(config.region())) {
        // Outside us-east-1, S3 wants the region named in the request body as well.
        b.createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(config.region()).build());
      }
    }));
    LOG.debug("created bucket {} at {}", bucket, endpointName);
  }

  @Override
  public void deleteBucket(String bucket, boolean force) {
    if (!force) {
      ObjectListing first = listPage(bucket, new ListOptions("", null, 1), null);
      if (!first.objects().isEmpty()) {
        throw new BucketNotEmptyException(bucket, "it holds s3://" + bucket + "/" + first.objects().get(0).key()
            + (first.truncated() ? " and more" : ""));
      }
    } else {
      long objects = deletePrefix(bucket, "");
      long versions = deleteAllVersions(bucket);
      int uploads = abortAllMultipartUploads(bucket);
      LOG.debug("emptied bucket {}: {} objects, {} versions, {} unfinished uploads", bucket, objects, versions, uploads);
    }
    call(Op.bucket("delete bucket", bucket), () -> s3.deleteBucket(b -> b.bucket(bucket)));
  }

  /** Deletes every version and delete marker, where the endpoint keeps versions; returns how many. */
  private long deleteAllVersions(String bucket) {
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
  private int abortAllMultipartUploads(String bucket) {
    int aborted = 0;
    String keyMarker = null;
    String uploadIdMarker = null;
    while (true) {
      String km = keyMarker;
      String um = uploadIdMarker;
      ListMultipartUploadsResponse page;
      try {
        page = call(Op.bucket("list multipart uploads", bucket).feature("listing multipart uploads"),
            () -> s3.listMultipartUploads(b -> b.bucket(bucket).keyMarker(km).uploadIdMarker(um)));
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

  @Override
  public boolean bucketExists(String bucket) {
    try {
      call(Op.bucket("head bucket", bucket), () -> s3.headBucket(b -> b.bucket(bucket)));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    }
  }

  @Override
  public List<BucketSummary> listBuckets() {
    return call(new Op("list buckets", null, null, null, null), () -> s3.listBuckets()).buckets().stream()
        .map(b -> new BucketSummary(b.name(), b.creationDate()))
        .toList();
  }

  // ---------------------------------------------------------------- objects

  @Override
  public ObjectSummary head(String bucket, String key) {
    return head(bucket, key, null);
  }

  private ObjectSummary head(String bucket, String key, String versionId) {
    HeadObjectResponse r = call(Op.object("head", bucket, key).version(versionId),
        () -> s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId)));
    return new ObjectSummary(bucket, key, r.contentLength(), r.lastModified(), unquote(r.eTag()), r.versionId());
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
    var r = call(Op.object("put", bucket, key), () -> s3.putObject(b -> b.bucket(bucket).key(key)
        .contentLength((long) content.length).contentType(contentType(key)), RequestBody.fromBytes(content)));
    return new ObjectSummary(bucket, key, content.length, Instant.now(), unquote(r.eTag()), r.versionId());
  }

  @Override
  public byte[] readObject(String bucket, String key, String versionId, int maxBytes) {
    Op op = Op.object("get", bucket, key).version(versionId);
    try (ResponseInputStream<GetObjectResponse> in = call(op,
        () -> s3.getObject(b -> b.bucket(bucket).key(key).versionId(versionId)))) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw new ObjectStoreException("object s3://" + bucket + "/" + key + " is " + length
            + " bytes, more than the " + maxBytes + " read into memory; download it to a file instead");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ObjectStoreException("reading s3://" + bucket + "/" + key + " from " + endpointName + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void deleteObject(String bucket, String key) {
    call(Op.object("delete", bucket, key), () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
  }

  @Override
  public long deletePrefix(String bucket, String prefix) {
    long deleted = 0;
    // Each listed page (at most 1000 keys) becomes one DeleteObjects request, S3's batch limit.
    Iterator<ObjectListing> pages = listPages(bucket, ListOptions.recursive(prefix)).iterator();
    while (pages.hasNext()) {
      List<ObjectIdentifier> ids = pages.next().objects().stream()
          .map(o -> ObjectIdentifier.builder().key(o.key()).build())
          .toList();
      if (!ids.isEmpty()) {
        deleted += deleteBatch(bucket, ids);
      }
    }
    return deleted;
  }

  private long deleteBatch(String bucket, List<ObjectIdentifier> ids) {
    Delete delete = Delete.builder().objects(ids).quiet(true).build();
    DeleteObjectsResponse r = call(Op.bucket("delete objects in", bucket).feature("multi-object delete"),
        () -> s3.deleteObjects(b -> b.bucket(bucket).delete(delete)));
    if (r.hasErrors() && !r.errors().isEmpty()) {
      S3Error first = r.errors().get(0);
      throw new ObjectStoreException("could not delete " + r.errors().size() + " of " + ids.size() + " objects in bucket '"
          + bucket + "' at " + endpointName + ", e.g. s3://" + bucket + "/" + first.key() + ": " + first.code()
          + " " + first.message());
    }
    return ids.size();
  }

  // ---------------------------------------------------------------- upload

  @Override
  public TransferResult upload(Path file, String bucket, String key, TransferListener listener) {
    BasicFileAttributes before = localAttributes(file);
    long size = before.size();
    long started = System.nanoTime();
    Progress progress = new Progress(listener, size);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (size <= multipartThreshold) {
        var r = call(Op.object("upload", bucket, key), () -> s3.putObject(b -> b.bucket(bucket).key(key)
            .contentLength(size).contentType(contentType(key)),
            FileRegionBody.of(file, channel, 0, size, contentType(key), progress)));
        return new TransferResult(TransferResult.Direction.UPLOAD, bucket, key, size, since(started), 1,
            unquote(r.eTag()), r.versionId());
      }
      return multipartUpload(file, channel, before, bucket, key, progress, started);
    } catch (IOException e) {
      throw localFailure(file, "read", e);
    }
  }

  private TransferResult multipartUpload(Path file, FileChannel channel, BasicFileAttributes before, String bucket,
      String key, Progress progress, long started) {
    long size = before.size();
    long part = partSizeFor(size);
    int parts = (int) ((size + part - 1) / part);
    Op op = Op.object("upload", bucket, key).feature("multipart upload");
    String uploadId = call(op, () -> s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
        .contentType(contentType(key)))).uploadId();
    LOG.debug("multipart upload {} of {} to s3://{}/{}: {} parts of {} bytes", uploadId, file, bucket, key, parts, part);
    try {
      List<CompletedPart> completed = ParallelParts.run(pool, parts, i -> {
        long offset = i * part;
        long length = Math.min(part, size - offset);
        int number = i + 1;
        var r = call(op, () -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
            .partNumber(number).contentLength(length),
            FileRegionBody.of(file, channel, offset, length, "application/octet-stream", progress)));
        return CompletedPart.builder().partNumber(number).eTag(r.eTag()).build();
      });
      BasicFileAttributes after = localAttributes(file);
      if (after.size() != size || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
        throw new TransferFailedException("local file " + file + " changed while it was uploaded to s3://" + bucket
            + "/" + key + "; the upload was aborted, upload it again");
      }
      var r = call(op, () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(completed))));
      return new TransferResult(TransferResult.Direction.UPLOAD, bucket, key, size, since(started), parts,
          unquote(r.eTag()), r.versionId());
    } catch (InterruptedException e) {
      abortQuietly(bucket, key, uploadId);
      Thread.currentThread().interrupt();
      throw new TransferFailedException("upload of " + file + " to s3://" + bucket + "/" + key
          + " was interrupted; the multipart upload was aborted, nothing was written", e);
    } catch (RuntimeException | Error e) {
      abortQuietly(bucket, key, uploadId);
      throw e;
    }
  }

  private void abortQuietly(String bucket, String key, String uploadId) {
    try {
      // AbortMultipartUpload deletes the parts; a later complete would be refused.
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      LOG.debug("aborted multipart upload {} of s3://{}/{}", uploadId, bucket, key);
    } catch (SdkException e) {
      LOG.warn("could not abort multipart upload {} of s3://{}/{} at {} ({}); its parts stay billed until a "
          + "lifecycle rule or `sluice s3 rb --force` removes them", uploadId, bucket, key, endpointName, e.getMessage());
    }
  }

  // ---------------------------------------------------------------- download

  @Override
  public TransferResult download(String bucket, String key, String versionId, Path target, TransferListener listener) {
    ObjectSummary object = head(bucket, key, versionId);
    long size = object.size();
    long started = System.nanoTime();
    Progress progress = new Progress(listener, size);
    Path absolute = target.toAbsolutePath();
    Path temp;
    try {
      Files.createDirectories(absolute.getParent());
      temp = absolute.resolveSibling("." + absolute.getFileName() + ".sluice-" + UUID.randomUUID() + ".part");
    } catch (IOException e) {
      throw localFailure(absolute.getParent(), "create", e);
    }
    boolean moved = false;
    try {
      int parts;
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        if (size <= multipartThreshold) {
          parts = 1;
          if (size > 0) {
            readRange(object, versionId, 0, size, channel, progress, false);
          }
        } else {
          long part = partSizeFor(size);
          parts = (int) ((size + part - 1) / part);
          ParallelParts.run(pool, parts, i -> {
            long offset = i * part;
            readRange(object, versionId, offset, Math.min(part, size - offset), channel, progress, true);
            return Boolean.TRUE;
          });
        }
        long written = channel.size();
        if (written != size) {
          throw new TransferFailedException("download of s3://" + bucket + "/" + key + " produced " + written
              + " bytes but the object has " + size + "; nothing was written to " + absolute);
        }
        channel.force(false);
      }
      verifyMd5(object, temp, absolute);
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      return new TransferResult(TransferResult.Direction.DOWNLOAD, bucket, key, size, since(started), parts,
          object.eTag(), object.versionId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransferFailedException("download of s3://" + bucket + "/" + key + " was interrupted; "
          + absolute + " was left untouched", e);
    } catch (IOException e) {
      throw localFailure(absolute, "write", e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.warn("could not delete partial download {}: {}", temp, e.getMessage());
        }
      }
    }
  }

  /**
   * GETs bytes [offset, offset+length) of an object into the channel at the same offsets. A stream
   * that breaks mid-way is resumed from the last byte written. The ETag pins the object: if it is
   * replaced during the download, S3 answers 412 instead of mixing two objects' bytes.
   */
  private void readRange(ObjectSummary object, String versionId, long offset, long length, FileChannel channel,
      Progress progress, boolean ranged) {
    String bucket = object.bucket();
    String key = object.key();
    long end = offset + length;
    long position = offset;
    byte[] buffer = new byte[IO_BUFFER];
    for (int attempt = 1; ; attempt++) {
      long from = position;
      GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key).versionId(versionId);
      if (ranged || from > offset) {
        request.range("bytes=" + from + "-" + (end - 1));
      }
      if (object.eTag() != null && versionId == null) {
        // A version id already names immutable content (and S3Mock checks If-Match against the
        // current version), so the ETag pins only downloads of the current object.
        request.ifMatch(object.eTag());
      }
      GetObjectRequest get = request.build();
      try (ResponseInputStream<GetObjectResponse> in = call(Op.object("download", bucket, key).version(versionId),
          () -> s3.getObject(get))) {
        int n;
        while (position < end && (n = in.read(buffer, 0, (int) Math.min(buffer.length, end - position))) > 0) {
          ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
          while (chunk.hasRemaining()) {
            position += channel.write(chunk, position);
          }
          progress.add(n);
        }
        if (position < end) {
          throw new IOException("the response ended at byte " + position + " of " + end);
        }
        return;
      } catch (IOException | SdkClientException e) {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
          throw new TransferFailedException("download of s3://" + bucket + "/" + key + " was interrupted", e);
        }
        if (e instanceof java.nio.channels.ClosedChannelException || attempt >= PART_READ_ATTEMPTS) {
          throw new TransferFailedException("download of s3://" + bucket + "/" + key + " bytes " + offset + "-" + (end - 1)
              + " from " + endpointName + " failed after " + attempt + " attempts: " + e.getMessage(), e);
        }
        LOG.debug("range {}-{} of s3://{}/{} broke at {} ({}); resuming", offset, end - 1, bucket, key, position,
            e.getMessage());
      }
    }
  }

  /** Where the ETag is the content's MD5 (single-part upload, no SSE-KMS), check the bytes against it. */
  private void verifyMd5(ObjectSummary object, Path temp, Path target) throws IOException {
    String eTag = object.eTag();
    if (eTag == null || eTag.length() != 32 || !eTag.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return;
    }
    String actual = md5Hex(temp);
    if (!actual.equalsIgnoreCase(eTag)) {
      throw new TransferFailedException("download of " + object.uri() + " is corrupt: MD5 " + actual
          + " but the object's ETag is " + eTag + "; nothing was written to " + target);
    }
  }

  /** The hex MD5 of a file, the ETag S3 gives a single-part upload of it. */
  public static String md5Hex(Path file) throws IOException {
    MessageDigest md5 = md5();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[IO_BUFFER];
      int n;
      while ((n = in.read(buffer)) > 0) {
        md5.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  /**
   * The ETag S3 gives a multipart upload of a file in parts of {@code partSize}: the MD5 of the
   * concatenated part MD5s, a dash and the part count.
   */
  public static String multipartETag(Path file, long partSize) throws IOException {
    MessageDigest whole = md5();
    MessageDigest part = md5();
    int parts = 0;
    long inPart = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[IO_BUFFER];
      int n;
      while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, partSize - inPart))) > 0) {
        part.update(buffer, 0, n);
        inPart += n;
        if (inPart == partSize) {
          whole.update(part.digest());
          parts++;
          inPart = 0;
        }
      }
    }
    if (inPart > 0 || parts == 0) {
      whole.update(part.digest());
      parts++;
    }
    return HexFormat.of().formatHex(whole.digest()) + "-" + parts;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }

  // ---------------------------------------------------------------- copy

  @Override
  public TransferResult copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey,
      TransferListener listener) {
    // HEAD first: a missing source is then named as such, not confused with a missing target bucket.
    ObjectSummary source = head(sourceBucket, sourceKey);
    long size = source.size();
    long started = System.nanoTime();
    Progress progress = new Progress(listener, size);
    Op op = Op.object("copy s3://" + sourceBucket + "/" + sourceKey + " to", targetBucket, targetKey);
    if (size <= copyMultipartThreshold) {
      var r = call(op, () -> s3.copyObject(b -> b.sourceBucket(sourceBucket).sourceKey(sourceKey)
          .destinationBucket(targetBucket).destinationKey(targetKey)));
      progress.add(size);
      return new TransferResult(TransferResult.Direction.COPY, targetBucket, targetKey, size, since(started), 1,
          unquote(r.copyObjectResult().eTag()), r.versionId());
    }
    long part = partSizeFor(size);
    int parts = (int) ((size + part - 1) / part);
    Op multipart = op.feature("multipart copy");
    String uploadId = call(multipart, () -> s3.createMultipartUpload(b -> b.bucket(targetBucket).key(targetKey)))
        .uploadId();
    try {
      List<CompletedPart> completed = ParallelParts.run(pool, parts, i -> {
        long offset = i * part;
        long length = Math.min(part, size - offset);
        int number = i + 1;
        var r = call(multipart, () -> s3.uploadPartCopy(b -> b.sourceBucket(sourceBucket).sourceKey(sourceKey)
            .copySourceIfMatch(source.eTag())
            .destinationBucket(targetBucket).destinationKey(targetKey).uploadId(uploadId).partNumber(number)
            .copySourceRange("bytes=" + offset + "-" + (offset + length - 1))));
        progress.add(length);
        return CompletedPart.builder().partNumber(number).eTag(r.copyPartResult().eTag()).build();
      });
      var r = call(multipart, () -> s3.completeMultipartUpload(b -> b.bucket(targetBucket).key(targetKey)
          .uploadId(uploadId).multipartUpload(m -> m.parts(completed))));
      return new TransferResult(TransferResult.Direction.COPY, targetBucket, targetKey, size, since(started), parts,
          unquote(r.eTag()), r.versionId());
    } catch (InterruptedException e) {
      abortQuietly(targetBucket, targetKey, uploadId);
      Thread.currentThread().interrupt();
      throw new TransferFailedException("copy of s3://" + sourceBucket + "/" + sourceKey + " to s3://" + targetBucket
          + "/" + targetKey + " was interrupted; the multipart copy was aborted", e);
    } catch (RuntimeException | Error e) {
      abortQuietly(targetBucket, targetKey, uploadId);
      throw e;
    }
  }

  // ---------------------------------------------------------------- listings

  @Override
  public ObjectListing listPage(String bucket, ListOptions options, String continuationToken) {
    ListObjectsV2Response r = call(Op.bucket("list", bucket), () -> s3.listObjectsV2(b -> b.bucket(bucket)
        .prefix(options.prefix().isEmpty() ? null : options.prefix())
        .delimiter(options.delimiter())
        .maxKeys(options.pageSize())
        .continuationToken(continuationToken)));
    List<ObjectSummary> objects = r.contents().stream()
        .map(o -> new ObjectSummary(bucket, o.key(), o.size() == null ? 0 : o.size(), o.lastModified(),
            unquote(o.eTag()), null))
        .toList();
    List<String> prefixes = r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    String next = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
    if (Boolean.TRUE.equals(r.isTruncated()) && next == null) {
      throw new ObjectStoreException("the S3 endpoint " + endpointName + " truncated a listing of bucket '" + bucket
          + "' without a continuation token; it does not implement ListObjectsV2 paging");
    }
    return new ObjectListing(bucket, options.prefix(), options.delimiter(), objects, prefixes, next);
  }

  @Override
  public Stream<ObjectListing> listPages(String bucket, ListOptions options) {
    Iterator<ObjectListing> pages = new Iterator<>() {
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
        next = current.truncated() ? listPage(bucket, options, current.nextContinuationToken()) : null;
        return current;
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  // ---------------------------------------------------------------- versioning

  @Override
  public void setVersioning(String bucket, VersioningState state) {
    BucketVersioningStatus status = switch (Objects.requireNonNull(state, "state")) {
      case ENABLED -> BucketVersioningStatus.ENABLED;
      case SUSPENDED -> BucketVersioningStatus.SUSPENDED;
      case UNVERSIONED -> throw new IllegalArgumentException(
          "versioning cannot be turned off once enabled, only suspended; bucket '" + bucket + "'");
    };
    call(Op.bucket("set versioning of", bucket).feature("bucket versioning"),
        () -> s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(status))));
  }

  @Override
  public VersioningState versioning(String bucket) {
    var r = call(Op.bucket("get versioning of", bucket).feature("bucket versioning"),
        () -> s3.getBucketVersioning(b -> b.bucket(bucket)));
    if (r.status() == BucketVersioningStatus.ENABLED) {
      return VersioningState.ENABLED;
    }
    if (r.status() == BucketVersioningStatus.SUSPENDED) {
      return VersioningState.SUSPENDED;
    }
    return VersioningState.UNVERSIONED;
  }

  @Override
  public Stream<ObjectVersion> listVersions(String bucket, String prefix) {
    Op op = Op.bucket("list object versions in", bucket).feature("bucket versioning (ListObjectVersions)");
    Iterator<List<ObjectVersion>> pages = new Iterator<>() {
      private ListObjectVersionsResponse next = fetch(null, null);

      private ListObjectVersionsResponse fetch(String keyMarker, String versionIdMarker) {
        return call(op, () -> s3.listObjectVersions(b -> b.bucket(bucket)
            .prefix(prefix == null || prefix.isEmpty() ? null : prefix)
            .keyMarker(keyMarker).versionIdMarker(versionIdMarker)));
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
        next = Boolean.TRUE.equals(page.isTruncated()) ? fetch(page.nextKeyMarker(), page.nextVersionIdMarker()) : null;
        List<ObjectVersion> versions = new ArrayList<>();
        page.versions().forEach(v -> versions.add(new ObjectVersion(bucket, v.key(), v.versionId(),
            v.size() == null ? 0 : v.size(), v.lastModified(), unquote(v.eTag()), Boolean.TRUE.equals(v.isLatest()), false)));
        page.deleteMarkers().forEach(m -> versions.add(new ObjectVersion(bucket, m.key(), m.versionId(), 0,
            m.lastModified(), null, Boolean.TRUE.equals(m.isLatest()), true)));
        // S3 returns versions and delete markers in two lists; merge them back into S3's order.
        versions.sort(Comparator.comparing(ObjectVersion::key)
            .thenComparing(ObjectVersion::lastModified, Comparator.nullsLast(Comparator.reverseOrder())));
        return versions;
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false).flatMap(List::stream);
  }

  // ---------------------------------------------------------------- bucket policy

  @Override
  public void putBucketPolicy(String bucket, String policyJson) {
    if (policyJson == null || !policyJson.strip().startsWith("{")) {
      throw new IllegalArgumentException("a bucket policy is a JSON document ({\"Version\": \"2012-10-17\", "
          + "\"Statement\": [...]}); bucket '" + bucket + "'");
    }
    call(Op.bucket("put the policy of", bucket).feature("bucket policies"),
        () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(policyJson)));
  }

  @Override
  public Optional<String> bucketPolicy(String bucket) {
    Op op = Op.bucket("get the policy of", bucket).feature("bucket policies");
    try {
      String policy = call(op, () -> s3.getBucketPolicy(b -> b.bucket(bucket))).policy();
      if (policy != null && policy.strip().startsWith("<")) {
        // Endpoints that do not route ?policy answer with some other XML document (a listing).
        throw new FeatureNotSupportedException("bucket policies", endpointName,
            "GetBucketPolicy was answered with an XML document instead of a policy", null);
      }
      return Optional.ofNullable(policy);
    } catch (NoSuchPolicyException e) {
      return Optional.empty();
    }
  }

  @Override
  public void deleteBucketPolicy(String bucket) {
    call(Op.bucket("delete the policy of", bucket).feature("bucket policies"),
        () -> s3.deleteBucketPolicy(b -> b.bucket(bucket)));
  }

  // ---------------------------------------------------------------- ACLs

  @Override
  public void setBucketAcl(String bucket, CannedAcl acl) {
    call(Op.bucket("set the ACL of", bucket).feature("bucket ACLs"),
        () -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.fromValue(acl.headerValue()))));
  }

  @Override
  public void setObjectAcl(String bucket, String key, CannedAcl acl) {
    call(Op.object("set the ACL of", bucket, key).feature("object ACLs"),
        () -> s3.putObjectAcl(b -> b.bucket(bucket).key(key).acl(ObjectCannedACL.fromValue(acl.headerValue()))));
  }

  @Override
  public AccessControlList bucketAcl(String bucket) {
    GetBucketAclResponse r = call(Op.bucket("get the ACL of", bucket).feature("bucket ACLs"),
        () -> s3.getBucketAcl(b -> b.bucket(bucket)));
    return acl(r.owner(), r.grants());
  }

  @Override
  public AccessControlList objectAcl(String bucket, String key) {
    GetObjectAclResponse r = call(Op.object("get the ACL of", bucket, key).feature("object ACLs"),
        () -> s3.getObjectAcl(b -> b.bucket(bucket).key(key)));
    return acl(r.owner(), r.grants());
  }

  private static AccessControlList acl(Owner owner, List<Grant> grants) {
    String ownerName = owner == null ? null : owner.displayName() != null ? owner.displayName() : owner.id();
    List<AccessControlList.Grant> list = grants.stream()
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

  // ---------------------------------------------------------------- presigned URLs

  @Override
  public URL presignGet(String bucket, String key, Duration expiry) {
    checkExpiry(expiry);
    return presigner.presignGetObject(p -> p.signatureDuration(expiry)
        .getObjectRequest(g -> g.bucket(bucket).key(key))).url();
  }

  @Override
  public URL presignPut(String bucket, String key, Duration expiry) {
    checkExpiry(expiry);
    return presigner.presignPutObject(p -> p.signatureDuration(expiry)
        .putObjectRequest(g -> g.bucket(bucket).key(key))).url();
  }

  private static void checkExpiry(Duration expiry) {
    if (expiry == null || expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_PRESIGN_EXPIRY) > 0) {
      throw new IllegalArgumentException("a presigned URL expires after 1 second to 7 days, not " + expiry);
    }
  }

  // ---------------------------------------------------------------- plumbing

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    presigner.close();
    s3.close();
  }

  /** What an SDK call was about, for the exception it may become. */
  private record Op(String action, String bucket, String key, String versionId, String feature) {
    static Op bucket(String action, String bucket) {
      return new Op(action, bucket, null, null, null);
    }

    static Op object(String action, String bucket, String key) {
      return new Op(action, bucket, key, null, null);
    }

    Op version(String id) {
      return new Op(action, bucket, key, id, feature);
    }

    Op feature(String name) {
      return new Op(action, bucket, key, versionId, name);
    }

    String target() {
      if (bucket == null) {
        return "";
      }
      return key == null ? " bucket '" + bucket + "'" : " s3://" + bucket + "/" + key
          + (versionId == null ? "" : " (version " + versionId + ")");
    }
  }

  /** GetBucketPolicy on a bucket without one; turned into an empty Optional. */
  private static final class NoSuchPolicyException extends ObjectStoreException {
    private static final long serialVersionUID = 1L;

    NoSuchPolicyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private <T> T call(Op op, Supplier<T> request) {
    try {
      return request.get();
    } catch (S3Exception e) {
      throw translate(op, e);
    } catch (SdkClientException e) {
      throw translate(op, e);
    }
  }

  private ObjectStoreException translate(Op op, S3Exception e) {
    int status = e.statusCode();
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String codeText = code == null ? "HTTP " + status : code;
    if (status == 501 || "NotImplemented".equals(code)) {
      String feature = op.feature() != null ? op.feature() : op.action();
      return new FeatureNotSupportedException(feature, endpointName, "HTTP 501 " + (code == null ? "" : code).strip(), e);
    }
    if ("NoSuchBucketPolicy".equals(code) || "NoSuchPolicy".equals(code)) {
      return new NoSuchPolicyException("bucket '" + op.bucket() + "' has no policy", e);
    }
    if ("NoSuchBucket".equals(code) || status == 404 && op.key() == null && op.bucket() != null) {
      return new NoSuchBucketException(op.bucket(), endpointName, e);
    }
    if ("NoSuchKey".equals(code) || "NoSuchVersion".equals(code) || status == 404 && op.key() != null) {
      // A HEAD's 404 has no body (the SDK still calls it NoSuchKey), so it cannot tell a missing
      // bucket from a missing key: ask. Only failures pay for the extra request.
      if (!bucketExistsQuietly(op.bucket())) {
        return new NoSuchBucketException(op.bucket(), endpointName, e);
      }
      return new NoSuchObjectException(op.bucket(), op.key(), op.versionId(), endpointName, e);
    }
    if (status == 403 || "AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code)
        || "SignatureDoesNotMatch".equals(code)) {
      String what = op.bucket() == null ? op.action() : op.action() + op.target();
      return new AccessDeniedException(what, endpointName, config.credentials().toString(), codeText, e);
    }
    if ("BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code)) {
      return new BucketAlreadyExistsException(op.bucket(), "BucketAlreadyOwnedByYou".equals(code), endpointName, e);
    }
    if ("BucketNotEmpty".equals(code)) {
      return new BucketNotEmptyException(op.bucket(), "the endpoint still reports objects, object versions or uploads");
    }
    if (code == null && op.feature() != null && (status == 400 || status == 405)) {
      // No S3 error document at all: the endpoint did not route the request as this S3 operation.
      return new FeatureNotSupportedException(op.feature(), endpointName,
          "it answered HTTP " + status + " without an S3 error code", e);
    }
    if (status == 412 || "PreconditionFailed".equals(code)) {
      return new TransferFailedException(op.action() + op.target() + " failed at " + endpointName
          + ": the object changed while it was being read (its ETag no longer matches); run the command again", e);
    }
    String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? ""
        : ": " + oneLine(e.awsErrorDetails().errorMessage());
    return new ObjectStoreException(op.action() + op.target() + " failed at " + endpointName + ": "
        + (code == null ? "HTTP " + status + message : code + message + " (HTTP " + status + ")")
        + (e.requestId() == null ? "" : " [request id " + e.requestId() + "]"), e);
  }

  private ObjectStoreException translate(Op op, SdkClientException e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      root = t;
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException
          || t.getClass().getName().equals("org.apache.http.conn.ConnectTimeoutException")) {
        String reason = t instanceof java.net.UnknownHostException ? "unknown host " + t.getMessage()
            : oneLine(String.valueOf(t.getMessage()));
        return new EndpointUnreachableException(endpointName, reason, e);
      }
    }
    if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
      return new TransferFailedException(op.action() + op.target() + " was interrupted", e);
    }
    return new ObjectStoreException(op.action() + op.target() + " failed at " + endpointName + ": "
        + oneLine(String.valueOf(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage())), e);
  }

  private boolean bucketExistsQuietly(String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (S3Exception e) {
      return e.statusCode() != 404;
    } catch (SdkException e) {
      return true;
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  private static String unquote(String eTag) {
    if (eTag == null) {
      return null;
    }
    return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"") ? eTag.substring(1, eTag.length() - 1) : eTag;
  }

  private static String contentType(String key) {
    String guessed = URLConnection.guessContentTypeFromName(key);
    return guessed == null ? "application/octet-stream" : guessed;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static BasicFileAttributes localAttributes(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      if (!a.isRegularFile()) {
        throw new LocalFileException(file, "not a regular file", null);
      }
      return a;
    } catch (IOException e) {
      throw localFailure(file, "read", e);
    }
  }

  private static LocalFileException localFailure(Path file, String verb, IOException e) {
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "no such file or directory";
    } else if (e instanceof java.nio.file.AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
      reason = fs.getReason();
    } else {
      reason = String.valueOf(e.getMessage());
    }
    return new LocalFileException(file, "cannot " + verb + ": " + reason.toLowerCase(Locale.ROOT), e);
  }

  /** Transfer settings; every one has a sensible default. */
  public static final class Builder {
    private final StorageConfig config;
    private long multipartThreshold = 16 * MIB;
    private long partSize = 8 * MIB;
    private long copyMultipartThreshold = MAX_SINGLE_COPY;
    private int parallelism = Math.min(16, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private Builder(StorageConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Files larger than this are uploaded (and objects downloaded) in parallel parts; default 16 MiB. */
    public Builder multipartThreshold(long bytes) {
      if (bytes < MIN_PART_SIZE) {
        throw new IllegalArgumentException("multipart threshold must be at least 5 MiB, got " + bytes);
      }
      this.multipartThreshold = bytes;
      return this;
    }

    /** Part size of multipart uploads, copies and ranged downloads; default 8 MiB, at least 5 MiB (S3's minimum). */
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
        throw new IllegalArgumentException("copy multipart threshold must be 5 MiB to 5 GiB, got " + bytes);
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
