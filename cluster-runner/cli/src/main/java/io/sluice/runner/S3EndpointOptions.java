package io.sluice.runner;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The AWS flags of a command that reaches S3: {@code --endpoint-url} (alias {@code --s3-endpoint})
 * plus {@code --profile} and {@code --region}.
 */
public final class S3EndpointOptions extends AwsOptions {

  @Option(
      names = {"--endpoint-url", "--s3-endpoint"},
      paramLabel = "URL",
      description =
          "S3 endpoint, e.g. http://127.0.0.1:9000, or 'embedded' for the local one over "
              + StorageOptions.EMBEDDED_DATA_DIR
              + " (default: AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, else AWS; the embedded one"
              + " when the AWS default credential chain finds no credentials)")
  String endpoint;

  @Override
  public String endpoint() {
    return endpoint;
  }

  /** The S3 endpoint for a command that uses s3:// locations when {@code usesS3}. */
  public StorageOptions resolve(boolean usesS3, PrintWriter err) {
    return StorageOptions.resolve(endpoint, chain(), System.getenv(), usesS3, err);
  }

  /**
   * The S3 endpoint for the {@code sluice s3} commands; checked first when the command connects.
   */
  public StorageOptions resolveForObjectStore(boolean connects, PrintWriter err) {
    return StorageOptions.resolveForObjectStore(endpoint, chain(), System.getenv(), connects, err);
  }
}
