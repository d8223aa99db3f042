package io.sluice.runner.ml;

import io.sluice.runner.RunDefaults;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the ML commands run Spark and reach S3: the same options and defaults as {@code sluice
 * run}.
 */
final class MlRuntimeOptions {

  @Option(
      names = "--master",
      paramLabel = "URL",
      defaultValue = RunDefaults.SPARK_MASTER,
      description = "Spark master (default: ${DEFAULT-VALUE}, Spark in this process)")
  String master;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "S3 endpoint for s3:// locations, or 'embedded' for the local one"
              + " (default: AWS_ENDPOINT_URL_S3, else AWS; the embedded one when no AWS credentials exist)")
  String s3Endpoint;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "spark.* settings go to Spark; anything else is a Hadoop setting (e.g. fs.defaultFS)")
  Map<String, String> conf;
}
