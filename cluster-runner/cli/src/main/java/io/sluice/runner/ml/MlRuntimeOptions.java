package io.sluice.runner.ml;

import io.sluice.runner.RunDefaults;
import io.sluice.runner.S3EndpointOptions;
import java.util.Map;
import picocli.CommandLine.Mixin;
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

  @Mixin S3EndpointOptions aws;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "spark.* settings go to Spark; anything else is a Hadoop setting (e.g. fs.defaultFS)")
  Map<String, String> conf;
}
