package io.sluice.runner.demo;

import io.sluice.jobs.JobRegistry;
import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.kv.Json;
import io.sluice.kv.KeySchema;
import io.sluice.ml.EvaluationCharts;
import io.sluice.ml.ModelRef;
import io.sluice.ml.ModelRegistry;
import io.sluice.ml.ModelVersion;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.runner.RunDefaults;
import io.sluice.runner.SparkPropertiesOptions;
import io.sluice.runner.pipeline.ConcurrencyOption;
import io.sluice.runner.pipeline.ExecutionTarget;
import io.sluice.runner.pipeline.PipelineDefinition;
import io.sluice.runner.pipeline.PipelineEnvironment;
import io.sluice.runner.pipeline.PipelineReport;
import io.sluice.runner.pipeline.PipelineRunner;
import io.sluice.runner.pipeline.PipelineStep;
import io.sluice.runner.pipeline.StepResult;
import io.sluice.runner.warehouse.QueryResultFormat;
import io.sluice.storage.StorageUri;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3ObjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code sluice demo}: the shipped pipeline ({@value DemoLayout#PIPELINE}) end to end on embedded
 * services: an S3 endpoint and a DynamoDB-API server on 127.0.0.1, Spark in this process, DuckDB in
 * a file. Prints the per-step table, the model's metrics and ROC picture, the pipeline's SQL
 * answers, one key-value lookup and the commands to explore further. Services stop at the end
 * unless {@code --keep-services}. A re-run overwrites outputs, replaces tables, reuses the model.
 */
@Command(
    name = "demo",
    description = {
      "Run the demo pipeline: raw sample data in S3 -> ETL, log analytics, churn model -> DuckDB and "
          + "a key-value store, then print the answers. Needs nothing running; state lives in --workdir."
    })
public final class DemoCommand extends OutputCommand {

  /** The model metrics printed, in this order (the registry's metrics.json has them all). */
  static final List<String> METRICS_SHOWN =
      List.of("auc", "accuracy", "precision", "recall", "f1", "rmse", "r2");

  @Option(
      names = "--workdir",
      paramLabel = "DIR",
      defaultValue = DemoLayout.DEFAULT_WORKDIR,
      description =
          "where the demo keeps S3 objects, tables and the warehouse (default: ${DEFAULT-VALUE})")
  Path workDir;

  @Option(
      names = "--pipeline",
      paramLabel = "FILE",
      description =
          "run this pipeline file instead of the shipped "
              + DemoLayout.PIPELINE
              + " (its own 'data' variable applies)")
  Path pipelineFile;

  @Option(
      names = "--master",
      paramLabel = "URL",
      defaultValue = RunDefaults.SPARK_MASTER,
      description = "Spark master: local[*] (default) or local[N]")
  String master;

  @Option(
      names = "--keep-services",
      description = "keep S3 and DynamoDB running after the demo until Ctrl-C")
  boolean keepServices;

  @Mixin SparkPropertiesOptions sparkProperties;

  @Mixin ConcurrencyOption concurrency;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    PrintWriter err = err();
    long started = System.nanoTime();
    Path root = pipelineFile == null ? DemoLayout.findProjectRoot() : null;
    Path pipelinePath = pipelineFile != null ? pipelineFile : root.resolve(DemoLayout.PIPELINE);
    DemoLayout layout = new DemoLayout(pipelinePath, workDir.toAbsolutePath().normalize());
    Files.createDirectories(layout.workDir());
    Map<String, String> vars = new LinkedHashMap<>();
    if (root != null) {
      vars.put("data", root.resolve("sample-data").toString());
    }
    vars.put("bucket", "s3://" + DemoLayout.BUCKET);
    vars.put("warehouse", "duckdb:" + layout.warehouseFile());
    PipelineDefinition pipeline =
        concurrency.applyTo(PipelineDefinition.load(layout.pipeline(), vars));
    // Said once the pipeline is known to load, so a bad --pipeline is one line on stderr.
    err.println(
        "demo: starting the embedded S3 endpoint and DynamoDB server (state in "
            + layout.workDir()
            + ")");
    err.flush();
    AtomicReference<EmbeddedDynamoDb> dynamoDb = new AtomicReference<>();
    Thread forgetFileSystem = null;
    try (EmbeddedS3 s3 = EmbeddedS3.start(layout.s3Data(), 0)) {
      PipelineEnvironment env =
          PipelineEnvironment.builder()
              .target(ExecutionTarget.LOCAL, master, List.of())
              .conf(sparkProperties.under(Map.of(), spec, err))
              .storage(s3.storageConfig())
              .warehouse(vars.get("warehouse"))
              .kv(() -> new DynamoDbKeyValueStore(dynamoDb.get().config()))
              .quarantineDir(layout.quarantine())
              .progress(err)
              .build();
      // Spark starts while DynamoDB starts and the bucket is created: seconds off the first Spark
      // step.
      env.warmUpSpark(pipeline.steps());
      // The bucket is made (an SDK client built, two requests) while dynalite starts.
      FutureTask<Void> bucket =
          new FutureTask<>(
              () -> {
                try (S3ObjectStore store = S3ObjectStore.create(s3.storageConfig())) {
                  if (!store.bucketExists(DemoLayout.BUCKET)) {
                    store.createBucket(DemoLayout.BUCKET);
                  }
                }
                return null;
              });
      Thread makingBucket = new Thread(bucket, "sluice-demo-bucket");
      makingBucket.setDaemon(true);
      makingBucket.start();
      try (env;
          EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(layout.dynamoDbData(), 0)) {
        dynamoDb.set(dynamo);
        awaitBucket(bucket);
        try {
          runAndPrint(pipeline, env, layout, out);
        } finally {
          forgetFileSystem = forgetCachedFileSystem(env);
        }
        out.printf(Locale.ROOT, "demo done in %.1fs%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        if (keepServices) {
          err.println(
              "demo: services running (S3 "
                  + s3.endpoint()
                  + ", DynamoDB "
                  + dynamo.endpoint()
                  + "); press Ctrl-C to stop them");
          err.flush();
          new CountDownLatch(1).await();
        }
      }
    } finally {
      if (forgetFileSystem != null) {
        awaitOutOfCache(forgetFileSystem);
      }
    }
    return ExitCode.OK;
  }

  /** Waits for the bucket; its failure is thrown as the command's own. */
  private static void awaitBucket(FutureTask<Void> bucket) throws Exception {
    try {
      bucket.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Waits until the closing thread has taken the file system out of Hadoop's cache, which is all a
   * later run in this JVM needs. S3A's close does that first ({@code FileSystem.close}: the
   * delete-on-exit paths, then the cache entry) and then stops its clients ({@code
   * stopAllServices}), where the SDK's asynchronous client waits out Netty's 2 s quiet period: at
   * scale 1 of the demo that wait was the last 1.5-2 s of the run, after the services had stopped.
   * The thread is a daemon and finishes on its own; if S3A's close ever looks different, this waits
   * for the whole close, as before.
   */
  private static void awaitOutOfCache(Thread closing) throws InterruptedException {
    while (closing.isAlive()) {
      for (StackTraceElement frame : closing.getStackTrace()) {
        if (frame.getMethodName().equals("stopAllServices")) {
          return;
        }
      }
      closing.join(10);
    }
  }

  private static void runAndPrint(
      PipelineDefinition pipeline, PipelineEnvironment env, DemoLayout layout, PrintWriter out)
      throws IOException {
    PipelineReport report =
        new PipelineRunner(JobRegistry.load(), env).run(pipeline, pipeline.steps());
    out.println();
    out.print(report.table());
    printModel(pipeline, env, layout, out);
    printAnswers(pipeline, report, out);
    String looked = printLookup(pipeline, env, out);
    out.println();
    out.println(report.summary());
    printExplore(layout, looked, out);
  }

  /**
   * Hadoop caches one S3A file system per bucket for the JVM; it would keep talking to this run's
   * endpoint port after the endpoint stopped. Closing it removes it from the cache, so a later run
   * in the same JVM (a test, a second demo) connects to its own endpoint. The close takes about 2 s
   * (the SDK's asynchronous client waits out Netty's quiet period), so it runs while Spark and the
   * services stop; the caller waits until it is out of the cache ({@link #awaitOutOfCache}).
   */
  private static Thread forgetCachedFileSystem(PipelineEnvironment env) {
    FileSystem cached;
    try {
      cached = FileSystem.get(URI.create("s3a://" + DemoLayout.BUCKET + "/"), env.hadoopConf());
    } catch (IOException e) {
      return null; // no file system to forget
    }
    Thread closing =
        new Thread(
            () -> {
              try {
                cached.close();
              } catch (IOException e) {
                // Closing a client of an endpoint that is about to stop: nothing to recover.
              }
            },
            "sluice-demo-s3a-close");
    closing.setDaemon(true);
    closing.start();
    return closing;
  }

  private static void printModel(
      PipelineDefinition pipeline, PipelineEnvironment env, DemoLayout layout, PrintWriter out)
      throws IOException {
    Optional<PipelineStep.MlTrain> train =
        stepsOf(pipeline, PipelineStep.MlTrain.class).stream().findFirst();
    if (train.isEmpty()) {
      return;
    }
    Configuration conf = env.hadoopConf();
    ModelVersion version =
        new ModelRegistry(train.get().registry(), conf)
            .resolve(ModelRef.parse(train.get().model()));
    out.println();
    out.printf(
        Locale.ROOT,
        "model %s:%d (%s) on %d test rows: %s%n",
        version.info().name(),
        version.info().version(),
        version.info().algorithm(),
        version.info().testRows(),
        String.join(
            " ",
            METRICS_SHOWN.stream()
                .filter(version.metrics()::containsKey)
                .map(m -> String.format(Locale.ROOT, "%s=%.4f", m, version.metrics().get(m)))
                .toList()));
    org.apache.hadoop.fs.Path roc =
        new org.apache.hadoop.fs.Path(
            version.location(), ModelRegistry.PLOTS_DIR + "/" + EvaluationCharts.ROC_FILE);
    FileSystem fs = roc.getFileSystem(conf);
    if (fs.exists(roc)) {
      Path local = layout.workDir().resolve(version.info().name() + "-roc.png");
      fs.copyToLocalFile(false, roc, new org.apache.hadoop.fs.Path(local.toUri()), true);
      out.println("ROC curve: " + local + " (from " + roc + ")");
    }
  }

  private static void printAnswers(
      PipelineDefinition pipeline, PipelineReport report, PrintWriter out) {
    for (PipelineStep.SqlCheck check : stepsOf(pipeline, PipelineStep.SqlCheck.class)) {
      if (!check.show()) {
        continue;
      }
      StepResult result = report.step(check.name());
      out.println();
      out.println(check.name() + ": " + check.query().replaceAll("\\s+", " "));
      QueryResultFormat.TABLE.print(result.answer(), out);
    }
  }

  /** Looks up the first prediction by its key in the key-value store, to show a point read. */
  private static String printLookup(
      PipelineDefinition pipeline, PipelineEnvironment env, PrintWriter out) {
    Optional<PipelineStep.LoadKv> load =
        stepsOf(pipeline, PipelineStep.LoadKv.class).stream().findFirst();
    if (load.isEmpty()) {
      return null;
    }
    String table = load.get().table();
    String keyColumn = load.get().key().split(":")[0];
    SparkSession spark = env.engines().spark();
    Row first =
        spark
            .read()
            .parquet(StorageUri.parse(load.get().input()).toHadoopPath().toString())
            .select(keyColumn)
            .orderBy(keyColumn)
            .first();
    String key = String.valueOf(first.get(0));
    DynamoDbKeyValueStore store = env.kvStore();
    Map<String, AttributeValue> keyMap = store.keySchema(table).keyOf(key, null);
    Optional<Map<String, AttributeValue>> item = store.get(table, keyMap);
    out.println();
    out.println(
        "kv get "
            + table
            + " "
            + key
            + ": "
            + item.map(Json::toJson).orElse("(no item with " + KeySchema.describe(keyMap) + ")"));
    return key;
  }

  private static void printExplore(DemoLayout layout, String kvKey, PrintWriter out) {
    Path cwd = Path.of("").toAbsolutePath();
    String wh = "duckdb:" + relative(cwd, layout.warehouseFile());
    out.println();
    out.println("Explore further:");
    out.println(
        "  bin/sluice sql \"SELECT * FROM churn_predictions ORDER BY probability DESC LIMIT 5\" --target "
            + wh);
    out.println("  bin/sluice sql \"SHOW TABLES\" --target " + wh);
    out.println(
        "  bin/sluice services up --data "
            + relative(cwd, layout.s3Data())
            + " --dynamodb-port 8000 --dynamodb-data "
            + relative(cwd, layout.dynamoDbData())
            + "   # then, in another shell:");
    out.println(
        "  AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID="
            + DynamoDbConfig.LOCAL_ACCESS_KEY
            + " AWS_SECRET_ACCESS_KEY="
            + DynamoDbConfig.LOCAL_SECRET_KEY
            + " bin/sluice kv get churn_predictions "
            + (kvKey == null ? "KEY" : kvKey));
    if (layout.workDir().equals(cwd.resolve(DemoLayout.DEFAULT_WORKDIR).normalize())) {
      out.println(
          "  bin/sluice serve --demo --port 8080   # these results over HTTP ("
              + DemoServing.API_FILE
              + ")");
    }
    out.println(
        "  bin/sluice pipeline run "
            + DemoLayout.PIPELINE
            + " --only revenue-per-day --var warehouse="
            + wh);
  }

  private static String relative(Path cwd, Path p) {
    return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
  }

  private static <T extends PipelineStep> List<T> stepsOf(
      PipelineDefinition pipeline, Class<T> type) {
    return pipeline.steps().stream().filter(type::isInstance).map(type::cast).toList();
  }
}
