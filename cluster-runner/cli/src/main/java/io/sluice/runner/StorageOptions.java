package io.sluice.runner;

import io.sluice.storage.AwsChain;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3EndpointProbe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which S3 endpoint a command talks to, decided once: {@code --endpoint-url URL} (alias {@code
 * --s3-endpoint}) wins, then AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL; {@code --endpoint-url
 * embedded}, or a local run with s3:// locations and no AWS credentials anywhere the SDK's default
 * chain looks, uses the embedded endpoint over {@value #EMBEDDED_DATA_DIR} (the same data {@code
 * sluice services up} serves). Otherwise AWS, in the region {@code --region}, the environment or
 * the profile names.
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
   *
   * @param err where the one-line notice goes when the embedded endpoint stands in for AWS
   */
  public static StorageOptions resolve(
      String endpointOption,
      AwsChain aws,
      Map<String, String> env,
      boolean usesS3,
      PrintWriter err) {
    return usesS3
        ? resolveForObjectStore(endpointOption, aws, env, true, err)
        : choose(endpointOption, aws, env, false, err);
  }

  /**
   * The endpoint for the {@code sluice s3} commands; a named one is connected to first when the
   * command {@code connects} (presigning never does). The SDK client reports a refused connection
   * itself, but on a busy machine it can first time out acquiring a connection, which is no
   * one-line answer.
   */
  public static StorageOptions resolveForObjectStore(
      String endpointOption,
      AwsChain aws,
      Map<String, String> env,
      boolean connects,
      PrintWriter err) {
    StorageOptions options = choose(endpointOption, aws, env, true, err);
    if (connects && options.embedded() == null && options.config().s3Endpoint() != null) {
      S3EndpointProbe.requireReachable(options.config().s3Endpoint());
    }
    return options;
  }

  private static StorageOptions choose(
      String endpointOption,
      AwsChain aws,
      Map<String, String> env,
      boolean usesS3,
      PrintWriter err) {
    StorageConfig fromEnv = StorageConfig.fromEnvironment(env).toBuilder().chain(aws).build();
    EndpointChoice choice =
        EndpointChoice.of(endpointOption, usesS3 && fromEnv.s3Endpoint() == null, env, aws);
    if (choice.embedded()) {
      EmbeddedS3 s3 = EmbeddedS3.start(Path.of(EMBEDDED_DATA_DIR), 0);
      choice.announceEmbedded(err, LOG, "S3 endpoint", s3.endpoint(), s3.dataDir());
      return new StorageOptions(s3.storageConfig(), s3);
    }
    StorageConfig.Builder config = fromEnv.toBuilder();
    if (choice == EndpointChoice.GIVEN) {
      config.s3Endpoint(StorageConfig.parseEndpoint(endpointOption)).pathStyleAccess(true);
    }
    if (usesS3 && choice == EndpointChoice.CONFIGURED && fromEnv.s3Endpoint() == null) {
      // AWS's own endpoint depends on the region; looked up only now, as the SDK's region chain
      // ends at the instance metadata service.
      config.regionFromChain(aws);
    }
    return new StorageOptions(config.build(), null);
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
