package io.sluice.storage.s3;

import io.sluice.storage.StorageConfig;
import java.time.Duration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A plain SDK client of an S3 endpoint, for tests to look beside the code under test (pending
 * multipart uploads, objects, buckets). Other modules' tests use it through this module's test-jar.
 */
public final class S3TestClients {

  private S3TestClients() {}

  /** A client with the storage's endpoint, path style, region and credentials. */
  public static S3Client of(StorageConfig storage) {
    return S3Client.builder()
        .endpointOverride(storage.s3Endpoint())
        .forcePathStyle(storage.pathStyleAccess())
        .region(Region.of(storage.region()))
        .credentialsProvider(storage.credentials().provider())
        // Several HTTP clients are on the test classpaths; the SDK will not pick one itself.
        .httpClient(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build())
        .build();
  }
}
