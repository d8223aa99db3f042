package io.sluice.runner.kv;

import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.runner.EndpointChoice;
import io.sluice.runner.StorageOptions;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which DynamoDB endpoint a command talks to, decided once: {@code --endpoint URL} wins, then
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL; {@code --endpoint embedded}, or no endpoint and no
 * AWS credentials anywhere, starts the embedded server on the tables under {@value
 * #EMBEDDED_DATA_DIR} (the same tables {@code sluice services up --dynamodb-port} serves).
 * Otherwise AWS.
 */
public final class KvEndpoint implements AutoCloseable {

  static final String EMBEDDED_DATA_DIR = ".sluice/dynamodb";

  private static final Logger LOG = LoggerFactory.getLogger(KvEndpoint.class);

  private final EmbeddedDynamoDb embedded;
  private final DynamoDbKeyValueStore store;

  private KvEndpoint(EmbeddedDynamoDb embedded, DynamoDbKeyValueStore store) {
    this.embedded = embedded;
    this.store = store;
  }

  public static KvEndpoint resolve(
      String endpointOption, Map<String, String> env, Integer batchesInFlight) {
    DynamoDbConfig fromEnv = DynamoDbConfig.fromEnvironment(env);
    if (batchesInFlight != null) {
      fromEnv = fromEnv.toBuilder().batchesInFlight(batchesInFlight).build();
    }
    EndpointChoice choice = EndpointChoice.of(endpointOption, fromEnv.endpoint() == null, env);
    if (choice == EndpointChoice.CONFIGURED) {
      return new KvEndpoint(null, new DynamoDbKeyValueStore(fromEnv));
    } else if (choice == EndpointChoice.GIVEN) {
      DynamoDbConfig config =
          fromEnv.toBuilder().endpoint(DynamoDbConfig.parseEndpoint(endpointOption)).build();
      if (!StorageOptions.hasAwsCredentials(env)) {
        config = config.withLocalEndpoint(config.endpoint());
      }
      return new KvEndpoint(null, new DynamoDbKeyValueStore(config));
    }
    EmbeddedDynamoDb server = EmbeddedDynamoDb.start(Path.of(EMBEDDED_DATA_DIR), 0);
    EndpointChoice.logEmbedded(LOG, "DynamoDB", "server", server.endpoint(), server.dataDir());
    try {
      return new KvEndpoint(server, new DynamoDbKeyValueStore(server.config(fromEnv)));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  public DynamoDbKeyValueStore store() {
    return store;
  }

  @Override
  public void close() {
    store.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
