package io.sluice.testing;

import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.EmbeddedDynamoDb;
import java.util.Map;

/**
 * A real DynamoDB API server for the test class: dynalite (Node.js) in memory on a random port of
 * 127.0.0.1, with a {@link DynamoDbKeyValueStore} client of it.
 *
 * <p><b>Scope: one per test class</b>, started when the class first asks for it, stopped after the
 * class; tables live as long as the server. dynalite is installed by {@code
 * bin/setup.d/20-dynalite.sh}: when it is missing, tests that ask for this server are skipped, or
 * fail when the environment variable {@code CI} is {@code true}.
 */
public final class DynamoDbServer {

  /** How to install the server, named in the skip or failure message when it is missing. */
  public static final String INSTALL_HINT = "bin/setup.d/20-dynalite.sh";

  private final EmbeddedDynamoDb server;
  private DynamoDbKeyValueStore store;

  private DynamoDbServer(EmbeddedDynamoDb server) {
    this.server = server;
  }

  static DynamoDbServer start() {
    return new DynamoDbServer(EmbeddedDynamoDb.startInMemory());
  }

  /** The endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    return server.endpoint().toString();
  }

  /** Client settings that reach this server with its local keys. */
  public DynamoDbConfig config() {
    return server.config();
  }

  /** A key-value store client of this server (one per server; closed with it). */
  public synchronized DynamoDbKeyValueStore store() {
    if (store == null) {
      store = new DynamoDbKeyValueStore(server.config());
    }
    return store;
  }

  /**
   * {@code AWS_ENDPOINT_URL_DYNAMODB}, region and keys, e.g. for a command run in a child process.
   */
  public Map<String, String> environment() {
    return server.environment();
  }

  /** The server itself (its port, whether it runs). */
  public EmbeddedDynamoDb server() {
    return server;
  }

  synchronized void stop() {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      server.close();
    }
  }

  @Override
  public String toString() {
    return "DynamoDbServer[" + endpoint() + "]";
  }
}
