package io.sluice.runner.kv;

import io.sluice.runner.AwsOptions;
import picocli.CommandLine.Option;

/**
 * The AWS flags of the {@code sluice kv} commands and {@code sluice load kv}: {@code
 * --endpoint-url} (alias {@code --endpoint}) for DynamoDB, plus {@code --profile} and {@code
 * --region}.
 */
final class KvOptions extends AwsOptions {

  @Option(
      names = {"--endpoint-url", "--endpoint"},
      paramLabel = "URL",
      description =
          "DynamoDB endpoint, e.g. http://127.0.0.1:8000, or 'embedded' for the local server over "
              + KvEndpoint.EMBEDDED_DATA_DIR
              + " (default: AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL, else AWS; "
              + "the embedded one when the AWS default credential chain finds no credentials).")
  String endpoint;

  @Override
  public String endpoint() {
    return endpoint;
  }
}
