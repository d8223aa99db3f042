package io.sluice.runner.ml;

import io.sluice.jobs.EngineContext;
import io.sluice.runner.ExitCode;
import io.sluice.runner.HadoopOptions;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.RunDefaults;
import io.sluice.runner.SparkPropertiesOptions;
import io.sluice.runner.StorageOptions;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageUri;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

/**
 * What every Spark-backed {@code sluice ml} command shares: the runtime options, a Spark session
 * built as {@code sluice run} builds it (S3 settings included).
 */
abstract class MlSubcommand extends OutputCommand {

  @Mixin MlRuntimeOptions runtime;

  @Mixin HadoopOptions hadoop;
  @Mixin SparkPropertiesOptions sparkProperties;

  /** The locations the command reads or writes, to decide whether S3 is needed. */
  abstract List<String> locations();

  abstract int run(SparkSession spark);

  @Override
  public final Integer call() {
    boolean usesS3 =
        locations().stream()
            .filter(Objects::nonNull)
            .anyMatch(l -> StorageUri.parse(l).scheme() == StorageUri.Scheme.S3);
    try (StorageOptions storage = runtime.aws.resolve(usesS3, err());
        EngineContext engines = engines(storage.config())) {
      int code = run(engines.spark());
      out().flush();
      return code;
    }
  }

  private EngineContext engines(StorageConfig storage) {
    EngineContext.Builder context =
        RunDefaults.engineContext(
            runtime.master,
            "sluice " + spec.qualifiedName(" ").replaceFirst("^sluice ", ""),
            true,
            hadoop.site(spec),
            storage,
            sparkProperties.under(runtime.conf, spec, err()));
    return context.build();
  }

  static int ok() {
    return ExitCode.OK;
  }
}
