package io.sluice.runner.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyType;
import io.sluice.runner.ServicesUpProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code sluice services up --dynamodb-port 0} in its own JVM, as a user runs it: the printed
 * AWS_ENDPOINT_URL_DYNAMODB serves the DynamoDB API, SIGTERM stops the server process too, and the
 * tables kept under --dynamodb-data outlive it.
 */
class ServicesUpDynamoDbIT {

  @TempDir Path dir;

  @Test
  void upServesDynamoDbOnTheDataDirAndSigtermStopsTheServer() throws Exception {
    Path data = dir.resolve("dynamodb");
    KeySchema key = KeySchema.of(new KeyAttribute("id", KeyType.S));
    long serverPid;
    try (ServicesUpProcess up =
        ServicesUpProcess.start(
            dir,
            "# DynamoDB:",
            "--s3-port",
            "0",
            "--data",
            dir.resolve("s3").toString(),
            "--dynamodb-port",
            "0",
            "--dynamodb-data",
            data.toString())) {
      Map<String, String> env = up.exports();
      String endpoint = env.get("AWS_ENDPOINT_URL_DYNAMODB");
      assertTrue(endpoint != null && endpoint.startsWith("http://127.0.0.1:"), up.describe());
      try (DynamoDbKeyValueStore store =
          new DynamoDbKeyValueStore(DynamoDbConfig.fromEnvironment(env))) {
        store.createTableIfMissing("survivors", key);
        store.put(
            "survivors", Map.of("id", AttributeValue.fromS("a"), "v", AttributeValue.fromN("1")));
        assertEquals("1", store.get("survivors", key.keyOf("a", null)).orElseThrow().get("v").n());
      }
      assertTrue(Files.exists(data.resolve("LOCK")), "tables are kept under --dynamodb-data");
      serverPid =
          up.process()
              .descendants()
              .filter(p -> p.info().command().orElse("").endsWith("node"))
              .mapToLong(ProcessHandle::pid)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no node child"));
      up.process().destroy();
      assertTrue(up.process().waitFor(30, TimeUnit.SECONDS), up.describe());
      assertTrue(up.stdout().contains("# stopped: DynamoDB endpoint " + endpoint), up.describe());
    }
    assertFalse(
        ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false),
        "dynalite stopped with services up");
    // The tables outlive the server (restart checked in DynamoDbKeyValueStoreIT): a new embedded
    // one reads them.
    try (io.sluice.kv.EmbeddedDynamoDb again = io.sluice.kv.EmbeddedDynamoDb.start(data, 0);
        DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(again.config())) {
      assertEquals("1", store.get("survivors", key.keyOf("a", null)).orElseThrow().get("v").n());
    }
  }
}
