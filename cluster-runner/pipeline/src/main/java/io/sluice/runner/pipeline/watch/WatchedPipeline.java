package io.sluice.runner.pipeline.watch;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.pipeline.PipelineDefinition;
import io.sluice.runner.pipeline.PipelineEnvironment;
import io.sluice.runner.pipeline.PipelineReport;
import io.sluice.runner.pipeline.PipelineRunner;
import io.sluice.runner.pipeline.PipelineWorkdir;
import io.sluice.storage.s3.ObjectSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a pipeline file for one object, in this JVM, through {@link PipelineRunner} as {@code sluice
 * pipeline run} does, with the object's variables: {@code ${key}}, {@code ${bucket}}, {@code
 * ${uri}} ({@code s3://bucket/key}) and {@code ${etag}} (they win over {@code --var} values of the
 * same name). The file is read again for every run, so an edit applies to the next object. Each run
 * claims a working directory of its own ({@link PipelineWorkdir}), which holds its quarantine
 * files, so runs never share {@code .sluice} state.
 */
public final class WatchedPipeline implements ObjectTrigger {

  /** Variables each run gets from its object. */
  public static final String KEY_VAR = "key";

  public static final String BUCKET_VAR = "bucket";
  public static final String URI_VAR = "uri";
  public static final String ETAG_VAR = "etag";

  /** Builds the environment of one run; the watcher closes it after the run. */
  @FunctionalInterface
  public interface Environments {
    PipelineEnvironment open(PipelineDefinition pipeline, JobRegistry registry, Path runDir);
  }

  private final Path file;
  private final Map<String, String> vars;
  private final Function<PipelineDefinition, JobRegistry> registries;
  private final Environments environments;

  /**
   * @param vars the {@code --var} values
   * @param registries the jobs a pipeline may run (built-in and its jars')
   */
  public WatchedPipeline(
      Path file,
      Map<String, String> vars,
      Function<PipelineDefinition, JobRegistry> registries,
      Environments environments) {
    this.file = file;
    this.vars = Map.copyOf(vars);
    this.registries = registries;
    this.environments = environments;
  }

  /** Reads and checks the pipeline as the first object would see it; fails on a bad file. */
  public PipelineDefinition check(String bucket, String prefix) {
    return PipelineDefinition.load(file, varsFor(bucket, prefix + "example", "etag"));
  }

  @Override
  public void run(ObjectSummary object, Path runDir) {
    PipelineDefinition pipeline =
        PipelineDefinition.load(
            file, varsFor(object.bucket(), object.key(), WatchState.etagOf(object)));
    JobRegistry registry = registries.apply(pipeline);
    try (PipelineWorkdir workdir = PipelineWorkdir.claim(runDir);
        PipelineEnvironment env = environments.open(pipeline, registry, runDir)) {
      PipelineReport report = new PipelineRunner(registry, env).run(pipeline, pipeline.steps());
      env.progress().println(report.summary());
      env.progress().flush();
    }
  }

  private Map<String, String> varsFor(String bucket, String key, String etag) {
    Map<String, String> all = new LinkedHashMap<>(vars);
    all.put(KEY_VAR, key);
    all.put(BUCKET_VAR, bucket);
    all.put(URI_VAR, "s3://" + bucket + "/" + key);
    all.put(ETAG_VAR, etag);
    return all;
  }
}
