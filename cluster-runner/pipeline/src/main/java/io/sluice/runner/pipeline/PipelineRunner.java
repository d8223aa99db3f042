package io.sluice.runner.pipeline;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
import io.sluice.kv.DynamoDbLoader;
import io.sluice.kv.KvLoadRequest;
import io.sluice.kv.KvLoadResult;
import io.sluice.ml.Algorithm;
import io.sluice.ml.BatchPredictor;
import io.sluice.ml.DataFormat;
import io.sluice.ml.DatasourceSpec;
import io.sluice.ml.LoadedModel;
import io.sluice.ml.ModelRef;
import io.sluice.ml.ModelRegistry;
import io.sluice.ml.ModelVersion;
import io.sluice.ml.PredictionSummary;
import io.sluice.ml.TrainedModel;
import io.sluice.ml.TrainingOptions;
import io.sluice.storage.StorageUri;
import io.sluice.warehouse.InputFormat;
import io.sluice.warehouse.LoadInput;
import io.sluice.warehouse.LoadMode;
import io.sluice.warehouse.LoadRequest;
import io.sluice.warehouse.LoadResult;
import io.sluice.warehouse.QueryResult;
import io.sluice.warehouse.TableName;
import io.sluice.warehouse.Warehouse;
import io.sluice.warehouse.WarehouseTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of a pipeline in order with the same library calls the single commands make
 * ({@code sluice run}, {@code sluice ml train/predict}, {@code sluice load warehouse/kv}, {@code
 * sluice sql}). Prints a line when each step starts and ends and, while a step runs, a progress
 * line every {@link #PROGRESS_EVERY}. The first failing step stops the run.
 */
public final class PipelineRunner {

  /** How often a running step reports progress. */
  public static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  /** Rows a sql-check reads back (it checks the first value or the row count). */
  static final int SQL_CHECK_MAX_ROWS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

  private final JobRegistry registry;
  private final PipelineEnvironment env;
  private final PrintWriter progress;
  private SparkProgress sparkProgress;

  public PipelineRunner(JobRegistry registry, PipelineEnvironment env) {
    this.registry = registry;
    this.env = env;
    this.progress = env.progress();
  }

  /**
   * Checks what can be checked without running: jobs exist, options fit, engines and algorithms
   * parse.
   */
  public void check(PipelineDefinition pipeline) {
    for (PipelineStep step : pipeline.steps()) {
      try {
        checkStep(step);
      } catch (BadInputException | IllegalArgumentException e) {
        throw new InvalidPipelineException(
            pipeline.source() + ": step '" + step.name() + "': " + e.getMessage(), e);
      }
    }
  }

  static void checkStep(PipelineStep step, JobRegistry registry) {
    if (step instanceof PipelineStep.Job j) {
      Job job = registry.find(j.job());
      Engine engine = Engine.parse(j.engine());
      if (!job.engines().contains(engine)) {
        throw new BadInputException(
            "job '" + job.name() + "' does not run on " + engine + "; it runs on " + job.engines());
      }
      JobParameters.of(job, j.options());
    } else if (step instanceof PipelineStep.MlTrain t) {
      Algorithm.parse(t.algorithm());
    } else if (step instanceof PipelineStep.MlPredict p) {
      ModelRef.parse(p.model());
    } else if (step instanceof PipelineStep.LoadWarehouse w) {
      LoadMode.parse(w.mode());
      TableName.parse(w.table());
      if (w.format() != null) {
        InputFormat.parse(w.format());
      }
    } else if (step instanceof PipelineStep.LoadKv k) {
      KvLoadRequest.validateTableName(k.table());
    }
  }

  private void checkStep(PipelineStep step) {
    checkStep(step, registry);
  }

  /** Runs {@code steps} (all, or those --from/--only chose) of {@code pipeline}. */
  public PipelineReport run(PipelineDefinition pipeline, List<PipelineStep> steps) {
    check(pipeline);
    long started = System.nanoTime();
    List<StepResult> results = new ArrayList<>();
    progress.printf(
        Locale.ROOT,
        "pipeline %s [%s]: %d step(s): %s%n",
        pipeline.name(),
        env.target().id(),
        steps.size(),
        String.join(" -> ", steps.stream().map(PipelineStep::name).toList()));
    progress.flush();
    env.warmUpSpark(steps);
    runSteps(steps, results);
    return new PipelineReport(
        pipeline.name(), env.target().id(), results, Duration.ofNanos(System.nanoTime() - started));
  }

  private void runSteps(List<PipelineStep> steps, List<StepResult> results) {
    int i = 0;
    for (PipelineStep step : steps) {
      i++;
      progress.printf(
          Locale.ROOT, "[%d/%d] %s (%s) ...%n", i, steps.size(), step.name(), step.kind());
      progress.flush();
      long stepStart = System.nanoTime();
      ScheduledExecutorService ticker = heartbeat(step, stepStart);
      StepResult result;
      try {
        result = execute(step).withTime(Duration.ofNanos(System.nanoTime() - stepStart));
      } catch (Exception e) {
        // Exception, not RuntimeException: Scala code (Spark) throws checked exceptions undeclared.
        LOG.debug("step {} failed", step.name(), e);
        progress.printf(
            Locale.ROOT,
            "[%d/%d] %s FAILED after %.1fs%n",
            i,
            steps.size(),
            step.name(),
            (System.nanoTime() - stepStart) / 1e9);
        progress.flush();
        throw new PipelineStepFailedException(step.name(), step.kind(), e);
      } finally {
        ticker.shutdownNow();
      }
      results.add(result);
      progress.printf(
          Locale.ROOT,
          "[%d/%d] %s done: in=%d out=%d rejected=%d%s, %s, %s%n",
          i,
          steps.size(),
          step.name(),
          result.in(),
          result.out(),
          result.rejected(),
          result.written() >= 0 ? " written=" + result.written() : "",
          PipelineReport.bytes(result.bytesOut()) + " out",
          PipelineReport.seconds(result.time()));
      if (result.detail() != null && !result.detail().isBlank()) {
        progress.println("      " + result.detail());
      }
      progress.flush();
    }
  }

  private ScheduledExecutorService heartbeat(PipelineStep step, long stepStart) {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sluice-pipeline-progress");
              t.setDaemon(true);
              return t;
            });
    long readAtStart = sparkProgress == null ? 0 : sparkProgress.recordsRead.get();
    long tasksAtStart = sparkProgress == null ? 0 : sparkProgress.tasks.get();
    long every = PROGRESS_EVERY.toMillis();
    ticker.scheduleAtFixedRate(
        () -> {
          String spark =
              sparkProgress == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      ", spark tasks done=%d, records read=%d",
                      sparkProgress.tasks.get() - tasksAtStart,
                      sparkProgress.recordsRead.get() - readAtStart);
          progress.printf(
              Locale.ROOT,
              "      %s: running %.0fs%s%n",
              step.name(),
              (System.nanoTime() - stepStart) / 1e9,
              spark);
          progress.flush();
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    return ticker;
  }

  private SparkSession spark() {
    SparkSession spark = env.engines().spark();
    if (sparkProgress == null) {
      sparkProgress = new SparkProgress();
      spark.sparkContext().addSparkListener(sparkProgress);
    }
    return spark;
  }

  private StepResult execute(PipelineStep step) {
    if (step instanceof PipelineStep.Upload u) {
      return upload(u);
    } else if (step instanceof PipelineStep.Job j) {
      return job(j);
    } else if (step instanceof PipelineStep.SparkSql s) {
      return sparkSql(s);
    } else if (step instanceof PipelineStep.MlTrain t) {
      return train(t);
    } else if (step instanceof PipelineStep.MlPredict p) {
      return predict(p);
    } else if (step instanceof PipelineStep.LoadWarehouse w) {
      return loadWarehouse(w);
    } else if (step instanceof PipelineStep.LoadKv k) {
      return loadKv(k);
    } else if (step instanceof PipelineStep.SqlCheck c) {
      return sqlCheck(c);
    }
    throw new IllegalStateException("unknown step type " + step.getClass());
  }

  private StepResult upload(PipelineStep.Upload u) {
    Configuration conf = env.hadoopConf();
    org.apache.hadoop.fs.Path from = StorageUri.parse(u.from()).toHadoopPath();
    org.apache.hadoop.fs.Path to = StorageUri.parse(u.to()).toHadoopPath();
    long files = 0;
    long bytes = 0;
    try {
      FileSystem src = from.getFileSystem(conf);
      FileSystem dst = to.getFileSystem(conf);
      FileStatus root = src.getFileStatus(from);
      List<FileStatus> sources = new ArrayList<>();
      if (root.isFile()) {
        sources.add(root);
      } else if (u.include().isEmpty()) {
        sources.add(root);
      } else {
        for (String name : u.include()) {
          sources.add(src.getFileStatus(new org.apache.hadoop.fs.Path(from, name)));
        }
      }
      String base = src.makeQualified(root.isFile() ? from.getParent() : from).toUri().getPath();
      for (FileStatus s : sources) {
        List<FileStatus> leaves = new ArrayList<>();
        if (s.isFile()) {
          leaves.add(s);
        } else {
          RemoteIterator<LocatedFileStatus> it = src.listFiles(s.getPath(), true);
          while (it.hasNext()) {
            leaves.add(it.next());
          }
        }
        for (FileStatus f : leaves) {
          String relative =
              src.makeQualified(f.getPath())
                  .toUri()
                  .getPath()
                  .substring(base.length())
                  .replaceFirst("^/", "");
          org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(to, relative);
          try (InputStream in = src.open(f.getPath());
              OutputStream out = dst.create(target, true)) {
            bytes += in.transferTo(out);
          }
          files++;
        }
      }
    } catch (java.io.FileNotFoundException e) {
      throw new BadInputException("upload: " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException(
          "upload " + u.from() + " -> " + u.to() + ": " + e.getMessage(), e);
    }
    return new StepResult(
        u.name(),
        u.kind(),
        files,
        files,
        0,
        files,
        bytes,
        bytes,
        Duration.ZERO,
        String.format(Locale.ROOT, "uploaded %d file(s) to %s", files, u.to()),
        null);
  }

  private StepResult job(PipelineStep.Job j) {
    Job job = registry.find(j.job());
    Engine engine = Engine.parse(j.engine());
    if (engine == Engine.SPARK) {
      spark();
    }
    RunSummary summary =
        new JobRunner(registry).run(job, engine, JobParameters.of(job, j.options()), env.engines());
    RunSummary.Counts c = summary.counts();
    return new StepResult(
        j.name(),
        j.kind(),
        c.read(),
        c.accepted(),
        c.rejected(),
        c.written(),
        c.bytesIn(),
        c.bytesOut(),
        Duration.ZERO,
        summary.toLine(),
        null);
  }

  private StepResult sparkSql(PipelineStep.SparkSql s) {
    SparkSession spark = spark();
    long in = 0;
    long bytesIn = 0;
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (Map.Entry<String, String> input : s.inputs().entrySet()) {
      Dataset<Row> rows = readTable(spark, input.getValue());
      rows.createOrReplaceTempView(input.getKey());
      in += rows.count();
      bytesIn += size(StorageUri.parse(input.getValue()).toHadoopPath(), conf);
    }
    org.apache.hadoop.fs.Path out = StorageUri.parse(s.output()).toHadoopPath();
    deleteIfExists(out, conf);
    spark.sql(s.query()).write().mode(SaveMode.ErrorIfExists).parquet(out.toString());
    long written = spark.read().parquet(out.toString()).count();
    return new StepResult(
        s.name(),
        s.kind(),
        in,
        in,
        0,
        written,
        bytesIn,
        size(out, conf),
        Duration.ZERO,
        String.format(Locale.ROOT, "spark-sql wrote %d rows to %s", written, s.output()),
        null);
  }

  static Dataset<Row> readTable(SparkSession spark, String uri) {
    String path = StorageUri.parse(uri).toHadoopPath().toString();
    if (uri.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return spark.read().option("header", "true").option("inferSchema", "true").csv(path);
    }
    return spark.read().parquet(path);
  }

  private StepResult train(PipelineStep.MlTrain t) {
    SparkSession spark = spark();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    DatasourceSpec spec = readSpec(t.spec(), conf);
    if (t.input() != null) {
      String lower = t.input().toLowerCase(Locale.ROOT);
      DataFormat format =
          lower.endsWith(".csv")
              ? DataFormat.CSV
              : lower.endsWith(".parquet") ? DataFormat.PARQUET : spec.format();
      spec = spec.withInput(t.input(), format);
    }
    TrainedModel trained =
        new io.sluice.ml.ModelTrainer(spark)
            .train(spec, TrainingOptions.of(Algorithm.parse(t.algorithm())));
    ModelRegistry models = new ModelRegistry(t.registry(), conf);
    ModelVersion version = IdenticalModel.find(models, t.model(), trained, conf).orElse(null);
    boolean reused = version != null;
    if (!reused) {
      version = models.register(t.model(), trained);
    }
    var info = trained.info();
    String metrics =
        String.join(
            " ",
            trained.testReport().metrics().entrySet().stream()
                .limit(3)
                .map(e -> String.format(Locale.ROOT, "%s=%.4f", e.getKey(), e.getValue()))
                .toList());
    return new StepResult(
        t.name(),
        t.kind(),
        info.readRows(),
        info.trainRows() + info.testRows(),
        info.rejectedRows(),
        -1,
        size(StorageUri.parse(spec.input()).toHadoopPath(), conf),
        size(new org.apache.hadoop.fs.Path(version.location()), conf),
        Duration.ZERO,
        String.format(
            Locale.ROOT,
            "%s:%d %s (%s), train=%d test=%d, %s",
            t.model(),
            version.info().version(),
            reused ? "reused: same data, spec and code as before" : "registered",
            info.algorithm(),
            info.trainRows(),
            info.testRows(),
            metrics),
        null);
  }

  private static DatasourceSpec readSpec(String location, Configuration conf) {
    StorageUri uri = StorageUri.parse(location);
    if (uri.scheme() == StorageUri.Scheme.FILE) {
      return DatasourceSpec.load(Path.of(uri.toHadoopPath().toUri()));
    }
    org.apache.hadoop.fs.Path p = uri.toHadoopPath();
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return DatasourceSpec.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), location, null);
    } catch (IOException e) {
      throw new BadInputException(
          "cannot read the datasource spec " + location + ": " + e.getMessage(), e);
    }
  }

  private StepResult predict(PipelineStep.MlPredict p) {
    SparkSession spark = spark();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    LoadedModel loaded = new ModelRegistry(p.registry(), conf).load(ModelRef.parse(p.model()));
    String lower = p.input().toLowerCase(Locale.ROOT);
    DataFormat format =
        lower.endsWith(".csv")
            ? DataFormat.CSV
            : lower.endsWith(".parquet") ? DataFormat.PARQUET : loaded.spec().format();
    PredictionSummary s =
        new BatchPredictor(spark).predict(loaded, p.input(), format, p.output(), p.id(), true);
    return new StepResult(
        p.name(),
        p.kind(),
        s.inputRows(),
        s.inputRows(),
        0,
        s.writtenRows(),
        size(StorageUri.parse(p.input()).toHadoopPath(), conf),
        s.bytesWritten(),
        Duration.ZERO,
        s.toLine(),
        null);
  }

  private StepResult loadWarehouse(PipelineStep.LoadWarehouse w) {
    String target = w.target() != null ? w.target() : env.warehouse();
    StorageUri location = StorageUri.parse(w.input());
    try (Warehouse warehouse = WarehouseTarget.open(target, System.getenv())) {
      LoadInput in =
          LoadInput.resolve(
              location,
              w.format() == null ? null : InputFormat.parse(w.format()),
              env.hadoopConf());
      long started = System.nanoTime();
      TableName table = TableName.parse(w.table());
      LoadRequest request =
          LoadRequest.builder()
              .input(in)
              .table(table)
              .mode(LoadMode.parse(w.mode()))
              .keyColumns(w.key().isEmpty() ? null : w.key())
              .quarantine(env.quarantineDir().resolve(w.table() + ".csv"))
              .progress(
                  (rows, bytes) -> {
                    progress.printf(
                        Locale.ROOT,
                        "      %s: %,d rows, %,d bytes read, %.1fs%n",
                        w.name(),
                        rows,
                        bytes,
                        (System.nanoTime() - started) / 1e9);
                    progress.flush();
                  },
                  LoadRequest.DEFAULT_PROGRESS_INTERVAL)
              .build();
      LoadResult r = warehouse.load(request);
      return new StepResult(
          w.name(),
          w.kind(),
          r.rowsRead(),
          r.rowsLoaded(),
          r.rowsRejected(),
          r.rowsLoaded(),
          r.bytesRead(),
          -1,
          Duration.ZERO,
          r.summary(),
          null);
    }
  }

  private StepResult loadKv(PipelineStep.LoadKv k) {
    var store = env.kvStore();
    Path quarantine = env.quarantineDir().resolve("kv-" + k.table() + ".jsonl");
    KvLoadRequest request =
        new KvLoadRequest(k.input(), k.table(), k.key(), k.sortKey(), quarantine, PROGRESS_EVERY);
    KvLoadResult r = new DynamoDbLoader(store, store.config(), env.hadoopConf()).load(request);
    if (!r.succeeded()) {
      throw new IllegalStateException(r.summary());
    }
    return new StepResult(
        k.name(),
        k.kind(),
        r.read(),
        r.written(),
        r.rejected(),
        r.written(),
        r.inputBytes(),
        r.itemBytes(),
        Duration.ZERO,
        r.summary(),
        null);
  }

  private StepResult sqlCheck(PipelineStep.SqlCheck c) {
    String target = c.target() != null ? c.target() : env.warehouse();
    QueryResult result;
    try (Warehouse warehouse = WarehouseTarget.open(target, System.getenv())) {
      result = warehouse.query(c.query(), SQL_CHECK_MAX_ROWS);
    }
    long rows = result.rows().size();
    if (c.rows() != null && !c.rows().test(rows)) {
      throw new SqlCheckFailedException(
          c.name() + ": the query returned " + rows + " row(s), expected rows " + c.rows());
    }
    if (c.expect() != null) {
      Object first =
          rows == 0 || result.rows().get(0).isEmpty() ? null : result.rows().get(0).get(0);
      if (!c.expect().test(first)) {
        throw new SqlCheckFailedException(
            c.name()
                + ": the query answered "
                + (rows == 0 ? "no rows" : first)
                + ", expected "
                + c.expect());
      }
    }
    return new StepResult(
        c.name(),
        c.kind(),
        rows,
        rows,
        0,
        -1,
        0,
        0,
        Duration.ZERO,
        "check passed ("
            + rows
            + " row(s)"
            + (c.expect() != null ? ", first value " + c.expect() : "")
            + ")",
        result);
  }

  static long size(org.apache.hadoop.fs.Path p, Configuration conf) {
    try {
      return p.getFileSystem(conf).getContentSummary(p).getLength();
    } catch (IOException e) {
      return -1;
    }
  }

  private static void deleteIfExists(org.apache.hadoop.fs.Path p, Configuration conf) {
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p)) {
        fs.delete(p, true);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot replace " + p + ": " + e.getMessage(), e);
    }
  }
}
