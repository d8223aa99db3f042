package io.sluice.runner;

import io.sluice.storage.StorageConfig;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3EndpointProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which S3 endpoint a command talks to, decided once: {@code --s3-endpoint URL} wins, then
 * AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL; {@code --s3-endpoint embedded}, or a local run with s3://
 * locations and no AWS credentials anywhere, uses the embedded endpoint over {@value
 * #EMBEDDED_DATA_DIR} (the same data {@code sluice services up} serves). Otherwise AWS.
 *
 * @param config the endpoint and credentials to use
 * @param embedded the embedded endpoint this started, closed with it; null for any other
 */
public record StorageOptions(StorageConfig config, EmbeddedS3 embedded) implements AutoCloseable {

  public static final String EMBEDDED = EndpointChoice.EMBEDDED_VALUE;
  public static final String EMBEDDED_DATA_DIR = ".sluice/s3";

  private static final Logger LOG = LoggerFactory.getLogger(StorageOptions.class);

  /**
   * The endpoint for a command that reaches S3 through S3A when {@code usesS3}: a named endpoint is
   * connected to first, so one nothing answers at fails at once instead of after S3A's retries.
   */
  public static StorageOptions resolve(
      String s3EndpointOption, Map<String, String> env, boolean usesS3) {
    StorageOptions options = choose(s3EndpointOption, env, usesS3);
    if (usesS3 && options.embedded() == null && options.config().s3Endpoint() != null) {
      S3EndpointProbe.requireReachable(options.config().s3Endpoint());
    }
    return options;
  }

  /**
   * The endpoint for the {@code sluice s3} commands, without the connect check: their SDK client
   * reports a refused connection at once, and presigning never connects.
   */
  public static StorageOptions resolveForObjectStore(
      String s3EndpointOption, Map<String, String> env) {
    return choose(s3EndpointOption, env, true);
  }

  private static StorageOptions choose(
      String s3EndpointOption, Map<String, String> env, boolean usesS3) {
    StorageConfig fromEnv = StorageConfig.fromEnvironment(env);
    EndpointChoice choice =
        EndpointChoice.of(s3EndpointOption, usesS3 && fromEnv.s3Endpoint() == null, env);
    if (choice == EndpointChoice.EMBEDDED) {
      EmbeddedS3 s3 = EmbeddedS3.start(Path.of(EMBEDDED_DATA_DIR), 0);
      EndpointChoice.logEmbedded(LOG, "S3", "endpoint", s3.endpoint(), s3.dataDir());
      return new StorageOptions(s3.storageConfig(), s3);
    }
    return new StorageOptions(
        choice == EndpointChoice.GIVEN
            ? fromEnv.withS3Endpoint(StorageConfig.parseEndpoint(s3EndpointOption))
            : fromEnv,
        null);
  }

  /**
   * Whether AWS credentials are set anywhere the SDK's default chain reads them (environment or
   * ~/.aws).
   */
  public static boolean hasAwsCredentials(Map<String, String> env) {
    if (env.get("AWS_ACCESS_KEY_ID") != null
        || env.get("AWS_PROFILE") != null
        || env.get("AWS_WEB_IDENTITY_TOKEN_FILE") != null
        || env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
      return true;
    }
    String home = System.getProperty("user.home");
    return Files.exists(Path.of(home, ".aws", "credentials"))
        || Files.exists(Path.of(home, ".aws", "config"));
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
