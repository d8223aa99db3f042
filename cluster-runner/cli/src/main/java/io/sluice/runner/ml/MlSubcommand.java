package io.sluice.runner.ml;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.EngineContext;
import io.sluice.ml.MlInputException;
import io.sluice.runner.ExitCode;
import io.sluice.runner.RunDefaults;
import io.sluice.runner.StorageOptions;
import io.sluice.storage.InvalidStorageUriException;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.StorageUri;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every Spark-backed {@code sluice ml} command shares: the runtime options, a Spark session
 * built as {@code sluice run} builds it (S3 settings included), and bad input (a wrong spec, data
 * a model cannot use, a missing model) reported as one line with exit code 2.
 */
abstract class MlSubcommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  MlRuntimeOptions runtime;

  /** The locations the command reads or writes, to decide whether S3 is needed. */
  abstract List<String> locations();

  abstract int run(SparkSession spark);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Override
  public final Integer call() {
    try {
      boolean usesS3 = locations().stream().filter(Objects::nonNull)
          .anyMatch(l -> StorageUri.parse(l).scheme() == StorageUri.Scheme.S3);
      try (StorageOptions storage = StorageOptions.resolve(runtime.s3Endpoint, System.getenv(), usesS3);
          EngineContext engines = engines(storage.config())) {
        int code = run(engines.spark());
        out().flush();
        return code;
      }
    } catch (MlInputException | InvalidStorageUriException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  private EngineContext engines(StorageConfig storage) {
    EngineContext.Builder context = RunDefaults.engineContext(runtime.master,
        "sluice " + spec.qualifiedName(" ").replaceFirst("^sluice ", ""), true, storage, runtime.conf);
    return context.build();
  }

  static int ok() {
    return ExitCode.OK;
  }
}
