package io.sluice.storage.s3;

import io.sluice.errors.EndpointUnreachableException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs SDK calls and turns their failures into our {@link ObjectStoreException} family, each with a
 * one-line message naming the operation, the endpoint, and the bucket and key.
 */
final class S3ErrorTranslator {

  private final S3Client s3;
  private final String endpointName;
  private final String credentials;

  S3ErrorTranslator(S3Client s3, String endpointName, String credentials) {
    this.s3 = s3;
    this.endpointName = endpointName;
    this.credentials = credentials;
  }

  String endpointName() {
    return endpointName;
  }

  /** GetBucketPolicy on a bucket without one; turned into an empty Optional. */
  static final class NoSuchPolicyException extends ObjectStoreException {
    private static final long serialVersionUID = 1L;

    NoSuchPolicyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  <T> T call(S3Operation op, Supplier<T> request) {
    try {
      return request.get();
    } catch (S3Exception e) {
      throw translate(op, e);
    } catch (SdkClientException e) {
      throw translate(op, e);
    }
  }

  ObjectStoreException translate(S3Operation op, S3Exception e) {
    int status = e.statusCode();
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String codeText = code == null ? "HTTP " + status : code;
    if (status == 501 || "NotImplemented".equals(code)) {
      String feature = op.feature() != null ? op.feature() : op.action();
      return new FeatureNotSupportedException(
          feature, endpointName, "HTTP 501 " + (code == null ? "" : code).strip(), e);
    }
    if ("NoSuchBucketPolicy".equals(code) || "NoSuchPolicy".equals(code)) {
      return new NoSuchPolicyException("bucket '" + op.bucket() + "' has no policy", e);
    }
    if ("NoSuchBucket".equals(code) || status == 404 && op.key() == null && op.bucket() != null) {
      return new NoSuchBucketException(op.bucket(), endpointName, e);
    }
    if ("NoSuchKey".equals(code)
        || "NoSuchVersion".equals(code)
        || status == 404 && op.key() != null) {
      // A HEAD's 404 has no body (the SDK still calls it NoSuchKey), so it cannot tell a missing
      // bucket from a missing key: ask. Only failures pay for the extra request.
      if (!bucketExistsQuietly(op.bucket())) {
        return new NoSuchBucketException(op.bucket(), endpointName, e);
      }
      return new NoSuchObjectException(op.bucket(), op.key(), op.versionId(), endpointName, e);
    }
    if (status == 403
        || "AccessDenied".equals(code)
        || "InvalidAccessKeyId".equals(code)
        || "SignatureDoesNotMatch".equals(code)) {
      String what = op.bucket() == null ? op.action() : op.action() + op.target();
      return new AccessDeniedException(what, endpointName, credentials, codeText, e);
    }
    if ("BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code)) {
      return new BucketAlreadyExistsException(
          op.bucket(), "BucketAlreadyOwnedByYou".equals(code), endpointName, e);
    }
    if ("BucketNotEmpty".equals(code)) {
      return new BucketNotEmptyException(
          op.bucket(), "the endpoint still reports objects, object versions or uploads");
    }
    if (code == null && op.feature() != null && (status == 400 || status == 405)) {
      // No S3 error document at all: the endpoint did not route the request as this S3 operation.
      return new FeatureNotSupportedException(
          op.feature(),
          endpointName,
          "it answered HTTP " + status + " without an S3 error code",
          e);
    }
    if (status == 412 || "PreconditionFailed".equals(code)) {
      return new TransferFailedException(
          failedAt(op)
              + "the object changed while it was being read (its ETag no longer matches); run the command again",
          e);
    }
    String message =
        e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
            ? ""
            : ": " + oneLine(e.awsErrorDetails().errorMessage());
    return new ObjectStoreException(
        failedAt(op)
            + (code == null
                ? "HTTP " + status + message
                : code + message + " (HTTP " + status + ")")
            + (e.requestId() == null ? "" : " [request id " + e.requestId() + "]"),
        e);
  }

  /** The start of a failure message: what was done, to what, and where. */
  private String failedAt(S3Operation op) {
    return op.action() + op.target() + " failed at " + endpointName + ": ";
  }

  RuntimeException translate(S3Operation op, SdkClientException e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      root = t;
      if (t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException
          || t.getClass().getName().equals("org.apache.http.conn.ConnectTimeoutException")) {
        String reason =
            t instanceof java.net.UnknownHostException
                ? "unknown host " + t.getMessage()
                : oneLine(String.valueOf(t.getMessage()));
        return new EndpointUnreachableException(
            "S3", endpointName, reason, S3EndpointProbe.ADVICE, e);
      }
    }
    if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
      return new TransferFailedException(op.action() + op.target() + " was interrupted", e);
    }
    return new ObjectStoreException(
        failedAt(op)
            + oneLine(
                String.valueOf(
                    root.getMessage() == null
                        ? root.getClass().getSimpleName()
                        : root.getMessage())),
        e);
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
}
