package io.sluice.runner.pipeline;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The steps that run a job or Spark: job, spark-sql, ml-train and ml-predict, each on the engine
 * context the runner hands it (the pipeline's, or one of its own when steps run at once). The Spark
 * context gets a {@link SparkProgress} listener the first time a step uses it, for the runner's
 * progress lines.
 */
final class SparkSteps {

  private final JobRegistry registry;
  private volatile SparkProgress sparkProgress;

  // The version an ml-train step of this run registered, and the model it trained for it (guarded
  // by this: steps may run on several threads).
  private ModelVersion registeredHere;

  private TrainedModel trainedHere;

  SparkSteps(JobRegistry registry) {
    this.registry = registry;
  }

  /** Spark's task and record counters, or null until a step has used Spark. */
  SparkProgress sparkProgress() {
    return sparkProgress;
  }

  private SparkSession spark(EngineContext engines) {
    SparkSession spark = engines.spark();
    synchronized (this) {
      if (sparkProgress == null) {
        SparkProgress listener = new SparkProgress();
        spark.sparkContext().addSparkListener(listener);
        sparkProgress = listener;
      }
    }
    return spark;
  }

  StepResult job(PipelineStep.Job j, EngineContext engines) {
    Job job = registry.find(j.job());
    Engine engine = Engine.parse(j.engine());
    if (engine == Engine.SPARK) {
      spark(engines);
    }
    RunSummary summary =
        new JobRunner(registry).run(job, engine, JobParameters.of(job, j.options()), engines);
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

  StepResult sparkSql(PipelineStep.SparkSql s, EngineContext engines) {
    SparkSession spark = spark(engines);
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

  StepResult train(PipelineStep.MlTrain t, EngineContext engines) {
    SparkSession spark = spark(engines);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    DatasourceSpec spec = readSpec(t.spec(), conf);
    if (t.input() != null) {
      spec = spec.withInput(t.input(), formatOf(t.input(), spec.format()));
    }
    TrainedModel trained =
        new io.sluice.ml.ModelTrainer(spark)
            .train(spec, TrainingOptions.of(Algorithm.parse(t.algorithm())));
    ModelRegistry models = new ModelRegistry(t.registry(), conf);
    ModelVersion version;
    boolean reused;
    try {
      version = IdenticalModel.find(models, t.model(), trained, conf).orElse(null);
      reused = version != null;
      if (!reused) {
        version = models.register(t.model(), trained);
        synchronized (this) {
          registeredHere = version;
          trainedHere = trained;
        }
      }
    } finally {
      trained.release();
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

  StepResult predict(PipelineStep.MlPredict p, EngineContext engines) {
    SparkSession spark = spark(engines);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    ModelRegistry models = new ModelRegistry(p.registry(), conf);
    ModelVersion version = models.resolve(ModelRef.parse(p.model()));
    // A version this run registered is the pipeline it still holds: not read back from its files.
    TrainedModel fittedInThisRun = fittedInThisRun(version);
    LoadedModel loaded = models.load(version, fittedInThisRun);
    DataFormat format = formatOf(p.input(), loaded.spec().format());
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

  private synchronized TrainedModel fittedInThisRun(ModelVersion version) {
    return registeredHere != null
            && new org.apache.hadoop.fs.Path(registeredHere.location())
                .equals(new org.apache.hadoop.fs.Path(version.location()))
        ? trainedHere
        : null;
  }

  /** The format an input's extension names (.csv, .parquet), else {@code otherwise}. */
  private static DataFormat formatOf(String input, DataFormat otherwise) {
    String lower = input.toLowerCase(Locale.ROOT);
    return lower.endsWith(".csv")
        ? DataFormat.CSV
        : lower.endsWith(".parquet") ? DataFormat.PARQUET : otherwise;
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
