package io.sluice.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.S3Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamoDbConfigTest {

  @Test
  void theDynamoDbEndpointVariableWinsOverTheGeneralOne() {
    DynamoDbConfig c =
        DynamoDbConfig.fromEnvironment(
            Map.of(
                "AWS_ENDPOINT_URL",
                "http://127.0.0.1:9000",
                "AWS_ENDPOINT_URL_DYNAMODB",
                "http://127.0.0.1:8000",
                "AWS_REGION",
                "eu-west-1"));
    assertEquals(URI.create("http://127.0.0.1:8000"), c.endpoint());
    assertEquals("eu-west-1", c.region());
    assertEquals(
        S3Credentials.Source.EXPLICIT,
        c.credentials().source(),
        "a local endpoint without keys signs with local ones");
  }

  @Test
  void withoutAnEndpointItIsAwsWithTheDefaultChain() {
    DynamoDbConfig c = DynamoDbConfig.fromEnvironment(Map.of());
    assertNull(c.endpoint());
    assertEquals("us-east-1", c.region());
    assertEquals(S3Credentials.Source.DEFAULT_CHAIN, c.credentials().source());
    assertEquals("AWS DynamoDB (us-east-1)", c.describeEndpoint());
    assertEquals(
        "AKIA1",
        DynamoDbConfig.fromEnvironment(
                Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "s"))
            .credentials()
            .accessKey());
  }

  @Test
  void aLocalCopyKeepsThePacingAndRegion() {
    DynamoDbConfig c =
        DynamoDbConfig.builder()
            .region("eu-west-1")
            .batchesInFlight(3)
            .maxAttempts(4)
            .backoff(Duration.ofMillis(20), Duration.ofSeconds(1))
            .build();
    DynamoDbConfig local = c.withLocalEndpoint(URI.create("http://127.0.0.1:8000"));
    assertEquals(URI.create("http://127.0.0.1:8000"), local.endpoint());
    assertEquals("eu-west-1", local.region());
    assertEquals(DynamoDbConfig.LOCAL_ACCESS_KEY, local.credentials().accessKey());
    assertEquals(3, local.batchesInFlight());
    assertEquals(4, local.maxAttempts());
    assertEquals(Duration.ofMillis(20), local.baseBackoff());
    assertEquals(Duration.ofSeconds(1), local.maxBackoff());
  }

  @Test
  void badSettingsAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DynamoDbConfig.fromEnvironment(
                    Map.of("AWS_ENDPOINT_URL_DYNAMODB", "localhost:8000")));
    assertEquals(
        "not a DynamoDB endpoint URL: 'localhost:8000' (expected http(s)://host[:port])",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DynamoDbConfig.builder().batchesInFlight(0));
    assertThrows(IllegalArgumentException.class, () -> DynamoDbConfig.builder().region("Europe"));
    assertThrows(
        IllegalArgumentException.class,
        () -> DynamoDbConfig.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }

  @Test
  void backoffGrowsExponentiallyUpToItsCapWithJitter() {
    Backoff b = new Backoff(Duration.ofMillis(10), Duration.ofMillis(500));
    for (int i = 0; i < 200; i++) {
      assertTrue(b.delayMillis(1) <= 20);
      assertTrue(b.delayMillis(3) <= 80);
      assertTrue(b.delayMillis(30) <= 500);
      assertTrue(b.delayMillis(30) >= 0);
    }
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .mapToLong(i -> b.delayMillis(10))
            .distinct()
            .count();
    assertTrue(distinct > 5, "jittered, not fixed: " + distinct);
  }

  @Test
  void keyAttributesParseWithTypes() {
    assertEquals(new KeyAttribute("id", KeyType.S), KeyAttribute.parse("id"));
    assertEquals(new KeyAttribute("score", KeyType.N), KeyAttribute.parse("score:N"));
    assertEquals(new KeyAttribute("blob", KeyType.B), KeyAttribute.parse("blob:binary"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeyAttribute.parse("x:Q"));
    assertTrue(e.getMessage().contains("'Q'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KvLoadRequest.validateTableName("ab"));
  }
}
