package io.sluice.runner.kv;

import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.runner.EndpointChoice;
import io.sluice.storage.AwsChain;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.profiles.ProfileFileLocation;

/**
 * Which DynamoDB endpoint a command talks to, decided once: {@code --endpoint-url URL} (alias
 * {@code --endpoint}) wins, then AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL; {@code
 * --endpoint-url embedded}, or no endpoint and no AWS credentials anywhere the SDK's default chain
 * looks, starts the embedded server on the tables under {@value #EMBEDDED_DATA_DIR} (the same
 * tables {@code sluice services up --dynamodb-port} serves). Otherwise AWS, in the region {@code
 * --region}, the environment or the profile names.
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

  /**
   * @param err where the one-line notice goes when the embedded server stands in for AWS
   */
  public static KvEndpoint resolve(
      String endpointOption,
      AwsChain aws,
      Map<String, String> env,
      Integer batchesInFlight,
      PrintWriter err) {
    DynamoDbConfig.Builder configured = DynamoDbConfig.fromEnvironment(env).toBuilder().chain(aws);
    if (batchesInFlight != null) {
      configured.batchesInFlight(batchesInFlight);
    }
    DynamoDbConfig fromEnv = configured.build();
    EndpointChoice choice = EndpointChoice.of(endpointOption, fromEnv.endpoint() == null, env, aws);
    if (choice == EndpointChoice.CONFIGURED) {
      DynamoDbConfig config =
          fromEnv.endpoint() == null ? fromEnv.toBuilder().regionFromChain(aws).build() : fromEnv;
      return new KvEndpoint(null, new DynamoDbKeyValueStore(config));
    } else if (choice == EndpointChoice.GIVEN) {
      DynamoDbConfig config =
          fromEnv.toBuilder().endpoint(DynamoDbConfig.parseEndpoint(endpointOption)).build();
      if (!signsWithAwsCredentials(env, aws)) {
        config = config.withLocalEndpoint(config.endpoint());
      }
      return new KvEndpoint(null, new DynamoDbKeyValueStore(config));
    }
    EmbeddedDynamoDb server = EmbeddedDynamoDb.start(Path.of(EMBEDDED_DATA_DIR), 0);
    choice.announceEmbedded(err, LOG, "DynamoDB server", server.endpoint(), server.dataDir());
    try {
      return new KvEndpoint(server, new DynamoDbKeyValueStore(server.config(fromEnv)));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Whether a given endpoint is signed for with the user's credentials rather than the local
   * server's throwaway ones: when any source of the SDK's chain is configured (keys, a profile, a
   * profile file, web identity, a container endpoint). Not the whole chain: a local endpoint should
   * not wait on the instance metadata service.
   */
  private static boolean signsWithAwsCredentials(Map<String, String> env, AwsChain aws) {
    return aws.profile() != null
        || Stream.of(
                "AWS_ACCESS_KEY_ID",
                "AWS_PROFILE",
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
            .anyMatch(env::containsKey)
        || ProfileFileLocation.credentialsFileLocation().isPresent()
        || ProfileFileLocation.configurationFileLocation().isPresent();
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
