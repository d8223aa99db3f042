package io.sluice.storage.s3;

import static io.sluice.storage.s3.S3ETags.unquote;

import io.sluice.storage.StorageConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.progress.TransferListener.Context.BytesTransferred;

/**
 * File uploads through the SDK's {@link S3TransferManager} on its Java multipart client: one PUT up
 * to the multipart threshold, above it a multipart upload whose parts are read from the file at
 * their offsets, at most {@code parallelism} at once. Measured faster than our own parallel parts
 * were (docs/BENCHMARKS.md, "S3 transfers"). The SDK checks every part against the file's size and
 * modification time at the start, so an upload never mixes two versions of a file, and it aborts a
 * failed or cancelled multipart upload. Progress is reported as parts complete.
 */
final class SdkFileUploads implements AutoCloseable {

  private final StorageConfig config;
  private final int parallelism;
  // Started at the first upload: most commands never upload, and the Netty client costs threads.
  private SdkEventLoopGroup eventLoops;
  private S3AsyncClient client;
  private S3TransferManager manager;
  private final S3ErrorTranslator errors;
  private final S3BucketAdmin admin;
  private final S3Transfers.PartSizing sizing;

  SdkFileUploads(
      StorageConfig config,
      S3Transfers.PartSizing sizing,
      int parallelism,
      S3ErrorTranslator errors,
      S3BucketAdmin admin) {
    this.errors = errors;
    this.admin = admin;
    this.sizing = sizing;
    this.config = config;
    this.parallelism = parallelism;
  }

  private synchronized S3TransferManager manager() {
    if (manager == null) {
      // Our own event loops, shut down without Netty's 2 s quiet period: the SDK's managed ones
      // make
      // every close wait for it.
      eventLoops = SdkEventLoopGroup.builder().numberOfThreads(Math.min(parallelism, 4)).build();
      client =
          S3ObjectStore.configure(S3AsyncClient.builder(), config)
              .overrideConfiguration(o -> o.addExecutionInterceptor(new WithoutObjectSizeHeader()))
              .multipartEnabled(true)
              .multipartConfiguration(
                  m ->
                      m.thresholdInBytes(sizing.multipartThreshold())
                          .minimumPartSizeInBytes(sizing.partSize()))
              .httpClientBuilder(
                  NettyNioAsyncHttpClient.builder()
                      .eventLoopGroup(eventLoops)
                      .maxConcurrency(parallelism)
                      .connectionTimeout(Duration.ofSeconds(10))
                      .readTimeout(Duration.ofSeconds(60)))
              .build();
      manager = S3TransferManager.builder().s3Client(client).build();
    }
    return manager;
  }

  TransferResult upload(
      Path file, long size, String bucket, String key, TransferListener listener) {
    long started = System.nanoTime();
    Progress progress = new Progress(listener, size);
    AtomicLong reported = new AtomicLong();
    FileUpload upload =
        manager()
            .uploadFile(
                u ->
                    u.source(file)
                        .putObjectRequest(
                            p ->
                                p.bucket(bucket).key(key).contentType(S3Transfers.contentType(key)))
                        .addTransferListener(
                            new software.amazon.awssdk.transfer.s3.progress.TransferListener() {
                              @Override
                              public void bytesTransferred(BytesTransferred context) {
                                long now = context.progressSnapshot().transferredBytes();
                                progress.add(now - reported.getAndSet(now));
                              }
                            }));
    boolean multipart = size > sizing.multipartThreshold();
    S3Operation op = S3Operation.object("upload", bucket, key);
    PutObjectResponse r;
    try {
      r = upload.completionFuture().get().response();
    } catch (InterruptedException e) {
      upload.completionFuture().cancel(true);
      if (multipart) {
        // The SDK aborts a cancelled upload in the background; make sure it is gone before
        // returning.
        admin.abortUploadsOf(bucket, key);
      }
      Thread.currentThread().interrupt();
      throw new TransferFailedException(
          "upload of "
              + file
              + " to s3://"
              + bucket
              + "/"
              + key
              + " was interrupted; the multipart upload was aborted, nothing was written",
          e);
    } catch (ExecutionException | CompletionException | CancellationException e) {
      if (multipart) {
        // The SDK's own abort of a failed upload runs in the background; a failed upload must not
        // leave parts behind when this returns.
        admin.abortUploadsOf(bucket, key);
      }
      throw translate(
          multipart ? op.feature("multipart upload") : op, e.getCause() == null ? e : e.getCause());
    }
    long part = sizing.partSizeFor(size);
    int parts = multipart ? (int) ((size + part - 1) / part) : 1;
    return new TransferResult(
        TransferResult.Direction.UPLOAD,
        bucket,
        key,
        size,
        Duration.ofNanos(System.nanoTime() - started),
        parts,
        unquote(r.eTag()),
        r.versionId());
  }

  private RuntimeException translate(S3Operation op, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof S3Exception s3) {
        return errors.translate(op, s3);
      }
    }
    if (failure instanceof SdkClientException client) {
      return errors.translate(op, client);
    }
    return errors.translate(
        op, SdkClientException.create(String.valueOf(failure.getMessage()), failure));
  }

  @Override
  public synchronized void close() {
    if (manager != null) {
      manager.close();
      client.close();
      eventLoops.eventLoopGroup().shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  /**
   * Drops {@code x-amz-mp-object-size} (an optional check on CompleteMultipartUpload) that S3Proxy
   * and other S3-compatible stores answer with 501 NotImplemented.
   */
  private static final class WithoutObjectSizeHeader implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(
        Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      return context.httpRequest().toBuilder().removeHeader("x-amz-mp-object-size").build();
    }
  }
}
