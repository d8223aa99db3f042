package io.sluice.runner.kv;

import picocli.CommandLine.Option;

/**
 * Where the DynamoDB endpoint is; every {@code sluice kv} command and {@code sluice load kv} take
 * it.
 */
final class KvOptions {

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "DynamoDB endpoint, e.g. http://127.0.0.1:8000, or 'embedded' for the local server over "
              + KvEndpoint.EMBEDDED_DATA_DIR
              + " (default: AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL, else AWS; "
              + "the embedded one when no AWS credentials exist). Credentials come from AWS_ACCESS_KEY_ID/"
              + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the AWS default chain.")
  String endpoint;
}
