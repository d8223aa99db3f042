package io.sluice.runner.pipeline;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.ExitCode;
import io.sluice.runner.JsonOutput;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.RunDefaults;
import io.sluice.runner.S3EndpointOptions;
import io.sluice.runner.StorageOptions;
import io.sluice.runner.UserJarOptions;
import io.sluice.runner.kv.KvEndpoint;
import io.sluice.runner.pipeline.watch.ExistingObjects;
import io.sluice.runner.pipeline.watch.ObjectTrigger;
import io.sluice.runner.pipeline.watch.ObjectWatcher;
import io.sluice.runner.pipeline.watch.WatchConfig;
import io.sluice.runner.pipeline.watch.WatchStop;
import io.sluice.runner.pipeline.watch.WatchSummary;
import io.sluice.runner.pipeline.watch.WatchedPipeline;
import io.sluice.runner.s3.Units;
import io.sluice.storage.InvalidStorageUriException;
import io.sluice.storage.s3.ListOptions;
import io.sluice.storage.s3.ObjectStore;
import io.sluice.storage.s3.S3ObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice watch s3://BUCKET/PREFIX --pipeline FILE}: the local analogue of an S3-triggered
 * Lambda. Runs the pipeline once per new or changed object (ETag), in this JVM, as {@code pipeline
 * run --on local} would, with the object's {@code ${key}}, {@code ${bucket}}, {@code ${uri}} and
 * {@code ${etag}}; see {@link ObjectWatcher} for the guarantees.
 */
@Command(
    name = "watch",
    description = {
      "Run a pipeline once for each new object under s3://BUCKET/PREFIX (and again when an object"
          + " changes), with the object as $${key}, $${bucket}, $${uri} and $${etag}.",
      "At least once, never twice for one ETag: state is kept in a file across restarts. Runs in"
          + " the foreground until SIGTERM or Ctrl-C (which let the run in progress finish); --once"
          + " makes one pass and exits (1 if a run failed)."
    })
public final class WatchCommand extends OutputCommand {

  @Parameters(index = "0", paramLabel = "s3://BUCKET/PREFIX", description = "what to watch")
  String location;

  @Option(
      names = "--pipeline",
      required = true,
      paramLabel = "FILE",
      description = "the pipeline to run per object (YAML, as for `pipeline run`)")
  Path pipelineFile;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "set or override a variable")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = Units.DurationConverter.class,
      description = "time between listings, e.g. 5s, 1m (default: ${DEFAULT-VALUE})")
  Duration interval;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "the state file (default: under .sluice/watch/, named from the bucket and prefix);"
              + " one watcher per file")
  Path state;

  @Option(names = "--once", description = "one pass over what is there, then exit")
  boolean once;

  @Option(
      names = "--existing",
      paramLabel = "run|skip",
      defaultValue = "run",
      description =
          "objects present at the first start (no state file yet): run them (default) or only"
              + " record them")
  String existing;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "" + WatchConfig.DEFAULT_MAX_ATTEMPTS,
      description =
          "runs tried for one object version, one per poll, before it is recorded as failed and"
              + " left until it changes (default: ${DEFAULT-VALUE})")
  int maxAttempts;

  @Option(
      names = "--list-page-size",
      paramLabel = "KEYS",
      defaultValue = "1000",
      description = "keys per ListObjectsV2 request, 1..1000 (default: ${DEFAULT-VALUE})")
  int listPageSize;

  @Mixin DefaultWarehouseOption warehouse;

  @Mixin S3EndpointOptions aws;

  @Mixin UserJarOptions userJars;

  private StorageOptions storage;
  private KvEndpoint kv;

  @Override
  public Integer call() {
    String[] where = parseLocation(location);
    WatchConfig config =
        WatchConfig.builder(where[0], where[1])
            .stateFile(state)
            .interval(interval)
            .once(once)
            .existing(ExistingObjects.parse(existing))
            .maxAttempts(maxAttempts)
            .listPageSize(listPageSize)
            .build();
    WatchedPipeline pipeline =
        new WatchedPipeline(
            pipelineFile, vars, p -> PipelineRunCommand.registry(p, userJars), this::environment);
    pipeline.check(config.bucket(), config.prefix()); // a bad file fails before any connection
    ObjectTrigger trigger =
        (object, runDir) -> {
          try {
            pipeline.run(object, runDir);
          } finally {
            closeKv();
          }
        };
    WatchStop stop = new WatchStop();
    ListOptions listing = ListOptions.recursive(config.prefix()).withPageSize(listPageSize);
    try (StopSignals signals = StopSignals.install(stop, err(), "the run in progress");
        StorageOptions endpoint = aws.resolveForObjectStore(true, err());
        ObjectStore store = S3ObjectStore.create(endpoint.config())) {
      storage = endpoint;
      WatchSummary summary =
          new ObjectWatcher(
                  config,
                  () ->
                      store
                          .listPages(config.bucket(), listing)
                          .flatMap(page -> page.objects().stream()),
                  trigger,
                  err(),
                  stop,
                  Clock.systemUTC())
              .run();
      if (json()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("location", summary.location());
        result.put("objectsSeen", summary.objectsSeen());
        result.put("runsOk", summary.runsOk());
        result.put("runsFailed", summary.runsFailed());
        result.put("skipped", summary.skipped());
        result.put("seconds", JsonOutput.seconds(summary.time()));
        result.put("stopped", summary.stopped());
        print(result);
      } else {
        out().println(summary.line());
        out().flush();
      }
      return once && summary.runsFailed() > 0 ? ExitCode.JOB_FAILED : ExitCode.OK;
    } finally {
      closeKv();
    }
  }

  /** {@code s3://bucket[/prefix]}: bucket and prefix (possibly empty). */
  static String[] parseLocation(String text) {
    if (text == null || !text.regionMatches(true, 0, "s3://", 0, 5)) {
      throw new InvalidStorageUriException(String.valueOf(text), "watch takes s3://BUCKET/PREFIX");
    }
    String rest = text.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new InvalidStorageUriException(text, "no bucket; watch takes s3://BUCKET/PREFIX");
    }
    return new String[] {bucket, slash < 0 ? "" : rest.substring(slash + 1)};
  }

  /** One run's environment: local Spark, this watcher's S3 endpoint, its own quarantine. */
  private PipelineEnvironment environment(
      PipelineDefinition pipeline, JobRegistry registry, Path runDir) {
    PipelineEnvironment.Builder env =
        PipelineEnvironment.builder()
            .target(ExecutionTarget.LOCAL, RunDefaults.SPARK_MASTER, List.of())
            .storage(storage.config())
            .warehouse(warehouse.target())
            .quarantineDir(runDir.resolve("quarantine"))
            .progress(err())
            .kv(
                () -> {
                  kv = KvEndpoint.resolve(null, aws.chain(), System.getenv(), null, err());
                  return kv.store();
                });
    env.sparkJars(registry.userJars().stream().map(p -> p.toUri().toString()).toList());
    return env.build();
  }

  private void closeKv() {
    if (kv != null) {
      kv.close();
      kv = null;
    }
  }
}
