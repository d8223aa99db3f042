package io.sluice.runner.demo;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.RunDefaults;
import io.sluice.runner.SluiceCli;
import io.sluice.runner.pipeline.ExecutionTarget;
import io.sluice.runner.pipeline.PipelineDefinition;
import io.sluice.runner.pipeline.PipelineEnvironment;
import io.sluice.runner.pipeline.PipelineRunner;
import io.sluice.runner.pipeline.PipelineStep;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3ObjectStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The demo's pipeline as part of the class archive's workload ({@code ClassArchiveWorkload}): the
 * shipped {@code demo.yaml} on freshly generated scale-1 sample data, on an embedded S3 endpoint
 * and a DuckDB file, as {@code sluice demo} runs it, but without its key-value steps (dynalite, a
 * Node.js server, need not be installed at build time). Without it the archive held none of
 * MLlib's, Breeze's, the evaluation charts' (java.desktop, JFreeChart), DuckDB's, S3A's or the S3
 * SDK's classes: the demo's JVM loaded about 24,500 classes from jars and 13,700 from the archive
 * (docs/BENCHMARKS.md, "Session 16, demo-s1").
 */
public final class ClassArchiveDemo {
  private ClassArchiveDemo() {}

  /**
   * Runs the pipeline of {@code demoYaml} in {@code work} (an empty directory). Best effort: a
   * failure is printed and the workload goes on, since the classes loaded so far are archived all
   * the same and a build must not fail for its archive.
   */
  public static void run(Path demoYaml, Path work, PrintWriter log) {
    try {
      Path data = work.resolve("demo-data");
      StringWriter out = new StringWriter();
      int code =
          SluiceCli.execute(
              new String[] {
                "sample-data",
                "generate",
                "--only",
                "orders,logs,churn",
                "--scale",
                "1",
                "--out",
                data.toString()
              },
              System.getenv(),
              new PrintWriter(out),
              new PrintWriter(out));
      if (code != 0) {
        throw new IllegalStateException("sample-data generate failed: " + out);
      }
      // The data var is ${pipeline_dir}/..: the copy sits where the shipped file sits in the repo.
      Path pipelineFile = data.resolve("pipelines/demo.yaml");
      Files.createDirectories(pipelineFile.getParent());
      Files.copy(demoYaml, pipelineFile, StandardCopyOption.REPLACE_EXISTING);
      PipelineDefinition pipeline =
          PipelineDefinition.load(
              pipelineFile,
              Map.of(
                  "bucket",
                  "s3://" + DemoLayout.BUCKET,
                  "warehouse",
                  "duckdb:" + work.resolve("warehouse.duckdb")));
      List<PipelineStep> steps =
          pipeline.steps().stream().filter(s -> !(s instanceof PipelineStep.LoadKv)).toList();
      try (EmbeddedS3 s3 = EmbeddedS3.start(work.resolve("s3"), 0)) {
        try (S3ObjectStore store = S3ObjectStore.create(s3.storageConfig())) {
          store.createBucket(DemoLayout.BUCKET);
        }
        try (PipelineEnvironment env =
            PipelineEnvironment.builder()
                .target(ExecutionTarget.LOCAL, RunDefaults.SPARK_MASTER, List.of())
                .storage(s3.storageConfig())
                .warehouse("duckdb:" + work.resolve("warehouse.duckdb"))
                .kv(
                    () -> {
                      throw new IllegalStateException("no key-value store in this workload");
                    })
                .quarantineDir(work.resolve("quarantine"))
                .progress(log)
                .build()) {
          new PipelineRunner(JobRegistry.load(), env).run(pipeline, steps);
        }
      }
    } catch (Exception e) {
      log.println(
          "class archive: the demo's pipeline failed (its classes are partly left out): " + e);
      e.printStackTrace(log);
    }
    log.flush();
  }
}
