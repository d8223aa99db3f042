package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The S3 settings read from the environment and validated through {@link AwsServiceConfig}. */
class StorageConfigTest {

  @Test
  void theS3EndpointVariableWinsAndMeansPathStyle() {
    StorageConfig c =
        StorageConfig.fromEnvironment(
            Map.of(
                "AWS_ENDPOINT_URL",
                "http://127.0.0.1:8000",
                "AWS_ENDPOINT_URL_S3",
                " http://127.0.0.1:9000 ",
                "AWS_DEFAULT_REGION",
                "eu-west-1",
                "AWS_ACCESS_KEY_ID",
                "AKIA1",
                "AWS_SECRET_ACCESS_KEY",
                "s"));
    assertEquals(URI.create("http://127.0.0.1:9000"), c.s3Endpoint());
    assertTrue(c.pathStyleAccess());
    assertEquals("eu-west-1", c.region());
    assertEquals("AKIA1", c.credentials().accessKey());
    assertEquals("http://127.0.0.1:9000", c.hadoopSettings().get("fs.s3a.endpoint"));
  }

  @Test
  void withoutAnEndpointItIsAwsWithTheDefaultChain() {
    StorageConfig c = StorageConfig.fromEnvironment(Map.of());
    assertNull(c.s3Endpoint());
    assertFalse(c.pathStyleAccess());
    assertEquals("us-east-1", c.region());
    assertEquals(S3Credentials.Source.DEFAULT_CHAIN, c.credentials().source());
    assertFalse(c.hadoopSettings().containsKey("fs.s3a.endpoint"));
  }

  @Test
  void aCopyKeepsEverySettingItDoesNotChange() {
    StorageConfig c =
        StorageConfig.builder()
            .region("eu-central-1")
            .committer(S3Committer.MAGIC)
            .retryLimit(2)
            .credentials(S3Credentials.of("a", "b"))
            .build();
    StorageConfig moved = c.withS3Endpoint(URI.create("https://s3.example.com:9443"));
    assertEquals(URI.create("https://s3.example.com:9443"), moved.s3Endpoint());
    assertTrue(moved.pathStyleAccess());
    assertEquals("eu-central-1", moved.region());
    assertEquals(S3Committer.MAGIC, moved.committer());
    assertEquals(2, moved.retryLimit());
    assertEquals(c.credentials(), moved.credentials());
    assertEquals("true", moved.hadoopSettings().get("fs.s3a.connection.ssl.enabled"));
  }

  @Test
  void badEndpointsAndRegionsAreNamed() {
    InvalidStorageUriException notHttp =
        assertThrows(
            InvalidStorageUriException.class,
            () -> StorageConfig.fromEnvironment(Map.of("AWS_ENDPOINT_URL_S3", "localhost:9000")));
    assertEquals(
        "invalid location 'localhost:9000': an S3 endpoint is http(s)://host[:port]",
        notHttp.getMessage());
    InvalidStorageUriException malformed =
        assertThrows(
            InvalidStorageUriException.class, () -> StorageConfig.parseEndpoint("http://a b"));
    assertTrue(
        malformed
            .getMessage()
            .startsWith("invalid location 'http://a b': not an S3 endpoint URL: "),
        malformed.getMessage());
    assertThrows(IllegalArgumentException.class, () -> StorageConfig.builder().region("Europe"));
  }
}
