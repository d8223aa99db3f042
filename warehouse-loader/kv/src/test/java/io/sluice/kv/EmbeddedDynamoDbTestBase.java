package io.sluice.kv;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A real DynamoDB API server (dynalite, in memory) and a store on it, started once per test class.
 */
abstract class EmbeddedDynamoDbTestBase {

  static EmbeddedDynamoDb server;
  static DynamoDbKeyValueStore store;

  @BeforeAll
  static void startServer() {
    server = EmbeddedDynamoDb.startInMemory();
    store = new DynamoDbKeyValueStore(server.config());
  }

  @AfterAll
  static void stopServer() {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
      assertFalse(server.isRunning(), "the server process is stopped on close");
    }
  }
}
