package io.sluice.storage.s3;

import static io.sluice.storage.s3.S3ETags.unquote;

import java.io.IOException;
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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Uploads, downloads and copies: one request below the thresholds; above them multipart uploads
 * (through the SDK's transfer manager, {@link SdkFileUploads}), and multipart copies and ranged
 * downloads whose parts run on the store's bounded pool ({@link ParallelParts}). A failed multipart
 * upload is aborted; a download goes to a temporary file beside the target that is moved into place
 * only once its size (and MD5, where the ETag is one) is verified.
 */
final class S3Transfers {

  private static final Logger LOG = LoggerFactory.getLogger(S3Transfers.class);

  private static final int IO_BUFFER = 256 * 1024;
  private static final int PART_READ_ATTEMPTS = 3;

  private final S3Client s3;
  private final S3ErrorTranslator errors;
  private final S3BucketAdmin admin;
  private final ExecutorService pool;
  private final PartSizing sizing;
  private final SdkFileUploads uploads;

  /** The thresholds and part size of one store. */
  record PartSizing(long multipartThreshold, long partSize, long copyMultipartThreshold) {

    /**
     * The part size a transfer of {@code size} bytes uses: the configured part size, raised where
     * needed to stay within S3's 10,000 parts (in whole MiB).
     */
    long partSizeFor(long size) {
      long minimum = (size + S3ObjectStore.MAX_PARTS - 1) / S3ObjectStore.MAX_PARTS;
      if (minimum <= partSize) {
        return partSize;
      }
      return (minimum + S3ObjectStore.MIB - 1) / S3ObjectStore.MIB * S3ObjectStore.MIB;
    }
  }

  S3Transfers(
      S3Client s3,
      S3ErrorTranslator errors,
      S3BucketAdmin admin,
      ExecutorService pool,
      PartSizing sizing,
      SdkFileUploads uploads) {
    this.s3 = s3;
    this.uploads = uploads;
    this.errors = errors;
    this.admin = admin;
    this.pool = pool;
    this.sizing = sizing;
  }

  ObjectSummary head(String bucket, String key, String versionId) {
    HeadObjectResponse r =
        errors.call(
            S3Operation.object("head", bucket, key).version(versionId),
            () -> s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId)));
    return new ObjectSummary(
        bucket, key, r.contentLength(), r.lastModified(), unquote(r.eTag()), r.versionId());
  }

  /** Through the SDK's transfer manager ({@link SdkFileUploads}). */
  TransferResult upload(Path file, String bucket, String key, TransferListener listener) {
    return uploads.upload(file, localAttributes(file).size(), bucket, key, listener);
  }

  // ---------------------------------------------------------------- download

  TransferResult download(
      String bucket, String key, String versionId, Path target, TransferListener listener) {
    ObjectSummary object = head(bucket, key, versionId);
    long size = object.size();
    long started = System.nanoTime();
    Progress progress = new Progress(listener, size);
    Path absolute = target.toAbsolutePath();
    Path temp;
    try {
      Files.createDirectories(absolute.getParent());
      temp =
          absolute.resolveSibling(
              "." + absolute.getFileName() + ".sluice-" + UUID.randomUUID() + ".part");
    } catch (IOException e) {
      throw localFailure(absolute.getParent(), "create", e);
    }
    boolean moved = false;
    try {
      int parts;
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        if (size <= sizing.multipartThreshold()) {
          parts = 1;
          if (size > 0) {
            readRange(object, versionId, 0, size, channel, progress, false);
          }
        } else {
          long part = sizing.partSizeFor(size);
          parts = (int) ((size + part - 1) / part);
          ParallelParts.run(
              pool,
              parts,
              i -> {
                long offset = i * part;
                readRange(
                    object,
                    versionId,
                    offset,
                    Math.min(part, size - offset),
                    channel,
                    progress,
                    true);
                return Boolean.TRUE;
              });
        }
        long written = channel.size();
        if (written != size) {
          throw new TransferFailedException(
              "download of s3://"
                  + bucket
                  + "/"
                  + key
                  + " produced "
                  + written
                  + " bytes but the object has "
                  + size
                  + "; nothing was written to "
                  + absolute);
        }
        channel.force(false);
      }
      verifyMd5(object, temp, absolute);
      Files.move(
          temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      return new TransferResult(
          TransferResult.Direction.DOWNLOAD,
          bucket,
          key,
          size,
          since(started),
          parts,
          object.eTag(),
          object.versionId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransferFailedException(
          "download of s3://"
              + bucket
              + "/"
              + key
              + " was interrupted; "
              + absolute
              + " was left untouched",
          e);
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
  private void readRange(
      ObjectSummary object,
      String versionId,
      long offset,
      long length,
      FileChannel channel,
      Progress progress,
      boolean ranged) {
    String bucket = object.bucket();
    String key = object.key();
    long end = offset + length;
    long position = offset;
    byte[] buffer = new byte[IO_BUFFER];
    for (int attempt = 1; ; attempt++) {
      long from = position;
      GetObjectRequest.Builder request =
          GetObjectRequest.builder().bucket(bucket).key(key).versionId(versionId);
      if (ranged || from > offset) {
        request.range("bytes=" + from + "-" + (end - 1));
      }
      if (object.eTag() != null && versionId == null) {
        // A version id already names immutable content (and S3Mock checks If-Match against the
        // current version), so the ETag pins only downloads of the current object.
        request.ifMatch(object.eTag());
      }
      GetObjectRequest get = request.build();
      try (ResponseInputStream<GetObjectResponse> in =
          errors.call(
              S3Operation.object("download", bucket, key).version(versionId),
              () -> s3.getObject(get))) {
        int n;
        while (position < end
            && (n = in.read(buffer, 0, (int) Math.min(buffer.length, end - position))) > 0) {
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
          throw new TransferFailedException(
              "download of s3://" + bucket + "/" + key + " was interrupted", e);
        }
        if (e instanceof java.nio.channels.ClosedChannelException
            || attempt >= PART_READ_ATTEMPTS) {
          throw new TransferFailedException(
              "download of s3://"
                  + bucket
                  + "/"
                  + key
                  + " bytes "
                  + offset
                  + "-"
                  + (end - 1)
                  + " from "
                  + errors.endpointName()
                  + " failed after "
                  + attempt
                  + " attempts: "
                  + e.getMessage(),
              e);
        }
        LOG.debug(
            "range {}-{} of s3://{}/{} broke at {} ({}); resuming",
            offset,
            end - 1,
            bucket,
            key,
            position,
            e.getMessage());
      }
    }
  }

  /**
   * Where the ETag is the content's MD5 (single-part upload, no SSE-KMS), check the bytes against
   * it.
   */
  private void verifyMd5(ObjectSummary object, Path temp, Path target) throws IOException {
    String eTag = object.eTag();
    if (!S3ETags.isMd5(eTag)) {
      return;
    }
    String actual = S3ETags.md5Hex(temp);
    if (!actual.equalsIgnoreCase(eTag)) {
      throw new TransferFailedException(
          "download of "
              + object.uri()
              + " is corrupt: MD5 "
              + actual
              + " but the object's ETag is "
              + eTag
              + "; nothing was written to "
              + target);
    }
  }

  // ---------------------------------------------------------------- copy

  TransferResult copy(
      String sourceBucket,
      String sourceKey,
      String targetBucket,
      String targetKey,
      TransferListener listener) {
    // HEAD first: a missing source is then named as such, not confused with a missing target
    // bucket.
    ObjectSummary source = head(sourceBucket, sourceKey, null);
    long size = source.size();
    long started = System.nanoTime();
    Progress progress = new Progress(listener, size);
    S3Operation op =
        S3Operation.object(
            "copy s3://" + sourceBucket + "/" + sourceKey + " to", targetBucket, targetKey);
    if (size <= sizing.copyMultipartThreshold()) {
      var r =
          errors.call(
              op,
              () ->
                  s3.copyObject(
                      b ->
                          b.sourceBucket(sourceBucket)
                              .sourceKey(sourceKey)
                              .destinationBucket(targetBucket)
                              .destinationKey(targetKey)));
      progress.add(size);
      return copied(
          targetBucket, targetKey, size, started, 1, r.copyObjectResult().eTag(), r.versionId());
    }
    long part = sizing.partSizeFor(size);
    int parts = (int) ((size + part - 1) / part);
    S3Operation multipart = op.feature("multipart copy");
    String uploadId =
        errors
            .call(
                multipart,
                () -> s3.createMultipartUpload(b -> b.bucket(targetBucket).key(targetKey)))
            .uploadId();
    try {
      List<CompletedPart> completed =
          ParallelParts.run(
              pool,
              parts,
              i -> {
                long offset = i * part;
                long length = Math.min(part, size - offset);
                int number = i + 1;
                var r =
                    errors.call(
                        multipart,
                        () ->
                            s3.uploadPartCopy(
                                b ->
                                    b.sourceBucket(sourceBucket)
                                        .sourceKey(sourceKey)
                                        .copySourceIfMatch(source.eTag())
                                        .destinationBucket(targetBucket)
                                        .destinationKey(targetKey)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .copySourceRange(
                                            "bytes=" + offset + "-" + (offset + length - 1))));
                progress.add(length);
                return CompletedPart.builder()
                    .partNumber(number)
                    .eTag(r.copyPartResult().eTag())
                    .build();
              });
      var r =
          errors.call(
              multipart,
              () ->
                  s3.completeMultipartUpload(
                      b ->
                          b.bucket(targetBucket)
                              .key(targetKey)
                              .uploadId(uploadId)
                              .multipartUpload(m -> m.parts(completed))));
      return copied(targetBucket, targetKey, size, started, parts, r.eTag(), r.versionId());
    } catch (InterruptedException e) {
      admin.abortQuietly(targetBucket, targetKey, uploadId);
      Thread.currentThread().interrupt();
      throw new TransferFailedException(
          "copy of s3://"
              + sourceBucket
              + "/"
              + sourceKey
              + " to s3://"
              + targetBucket
              + "/"
              + targetKey
              + " was interrupted; the multipart copy was aborted",
          e);
    } catch (RuntimeException | Error e) {
      admin.abortQuietly(targetBucket, targetKey, uploadId);
      throw e;
    }
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
    return new LocalFileException(
        file, "cannot " + verb + ": " + reason.toLowerCase(Locale.ROOT), e);
  }

  static String contentType(String key) {
    String guessed = URLConnection.guessContentTypeFromName(key);
    return guessed == null ? "application/octet-stream" : guessed;
  }

  /**
   * A copy's result: {@code size} bytes in {@code parts} requests, {@code eTag} as S3 quotes it.
   */
  private static TransferResult copied(
      String bucket, String key, long size, long started, int parts, String eTag, String version) {
    return new TransferResult(
        TransferResult.Direction.COPY,
        bucket,
        key,
        size,
        since(started),
        parts,
        unquote(eTag),
        version);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
