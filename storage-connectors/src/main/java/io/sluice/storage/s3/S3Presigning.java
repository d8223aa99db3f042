package io.sluice.storage.s3;

import io.sluice.storage.StorageConfig;
import java.net.URL;
import java.time.Duration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Presigned GET and PUT URLs, signed locally (no request is made). */
final class S3Presigning implements AutoCloseable {

  private final S3Presigner presigner;

  S3Presigning(StorageConfig config) {
    S3Presigner.Builder presign =
        S3Presigner.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(config.credentials().provider())
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(config.pathStyleAccess()).build());
    if (config.s3Endpoint() != null) {
      presign.endpointOverride(config.s3Endpoint());
    }
    this.presigner = presign.build();
  }

  URL presignGet(String bucket, String key, Duration expiry) {
    checkExpiry(expiry);
    return presigner
        .presignGetObject(
            p -> p.signatureDuration(expiry).getObjectRequest(g -> g.bucket(bucket).key(key)))
        .url();
  }

  URL presignPut(String bucket, String key, Duration expiry) {
    checkExpiry(expiry);
    return presigner
        .presignPutObject(
            p -> p.signatureDuration(expiry).putObjectRequest(g -> g.bucket(bucket).key(key)))
        .url();
  }

  private static void checkExpiry(Duration expiry) {
    if (expiry == null
        || expiry.isNegative()
        || expiry.isZero()
        || expiry.compareTo(S3ObjectStore.MAX_PRESIGN_EXPIRY) > 0) {
      throw new IllegalArgumentException(
          "a presigned URL expires after 1 second to 7 days, not " + expiry);
    }
  }

  @Override
  public void close() {
    presigner.close();
  }
}
