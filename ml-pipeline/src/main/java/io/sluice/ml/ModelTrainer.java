package io.sluice.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a model for a datasource: checks the data (columns present, at least two classes, no feature
 * without values), splits it deterministically, builds the MLlib {@link Pipeline} (see {@link
 * FeaturePipeline}) ending in the chosen estimator, optionally grid-searches it with a {@link
 * CrossValidator}, and measures the result on the test rows.
 *
 * <p>Every input row is accounted for: read = train + test + rejected, where rejected rows are
 * those without a usable label; they are kept (with a reason) for the registry.
 */
public final class ModelTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);
  private static final String IN_TRAIN = "split__train";
  private static final String ROW_HASH = "row__hash";

  /** Split by row content, not by partition: the same data gives the same split on any cluster. */
  private static final long SPLIT_BUCKETS = 1_000_000L;

  private final SparkSession spark;

  public ModelTrainer(SparkSession spark) {
    this.spark = spark;
  }

  public TrainedModel train(DatasourceSpec spec, TrainingOptions options) {
    long started = System.nanoTime();
    Algorithm algorithm = options.algorithm();
    Dataset<Row> raw = new DatasourceReader(spark).read(spec);

    boolean regression = algorithm.kind() == Task.Kind.REGRESSION;
    Column[] all =
        Arrays.stream(raw.columns()).map(c -> col(FeaturePipeline.quote(c))).toArray(Column[]::new);
    // Read and parsed once: the checks below and the fit read these cached rows.
    Dataset<Row> rows =
        raw.withColumn(IN_TRAIN, inTrainingSplit(raw, spec))
            .withColumn(ROW_HASH, xxhash64(all))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      TrainingRows counted = TrainingRows.of(rows, spec, regression, IN_TRAIN, ROW_HASH);
      List<String> labels = counted.labels();
      Task task = regression ? Task.REGRESSION : labels.size() == 2 ? Task.BINARY : Task.MULTICLASS;
      if (algorithm == Algorithm.GBT && task == Task.MULTICLASS) {
        throw new InvalidTrainingDataException(
            "gbt classifies two classes; label '"
                + spec.label()
                + "' has "
                + labels.size()
                + " ("
                + String.join(", ", labels)
                + "): use logistic or random-forest");
      }
      Dataset<Row> prepared =
          rows.withColumn(LabelColumn.VALUE, LabelColumn.value(spec.label(), task, labels));
      Column labelled = col(LabelColumn.VALUE).isNotNull();
      long read = counted.read();
      long trainRows = counted.trainRows();
      long testRows = counted.testRows();
      long rejected = read - trainRows - testRows;
      String fingerprint = counted.fingerprint();
      LOG.info(
          "{}: read {} rows: {} to train, {} to test, {} without a usable label '{}'",
          spec.input(),
          read,
          trainRows,
          testRows,
          rejected,
          spec.label());
      if (trainRows + testRows == 0) {
        throw new InvalidTrainingDataException(
            "no row of "
                + spec.input()
                + " has a usable label '"
                + spec.label()
                + "'"
                + (task == Task.REGRESSION ? " (a number, for --algorithm linear)" : ""));
      }
      for (int i = 0; i < spec.features().size(); i++) {
        if (counted.featureValues()[i] == 0) {
          FeatureSpec f = spec.features().get(i);
          throw new InvalidTrainingDataException(
              "feature '"
                  + f.name()
                  + "' ("
                  + f.type().id()
                  + ") has no values in the "
                  + (trainRows + testRows)
                  + " labelled rows of "
                  + spec.input()
                  + (f.type() == FeatureType.NUMERIC
                      ? " (all missing or not numbers)"
                      : " (all missing)")
                  + "; fix the data or remove it from "
                  + spec.source());
        }
      }
      if (trainRows == 0 || testRows == 0) {
        throw new InvalidTrainingDataException(
            "the "
                + (trainRows + testRows)
                + " labelled rows of "
                + spec.input()
                + " split into "
                + trainRows
                + " training and "
                + testRows
                + " test rows; both need rows (more data or another split)");
      }

      Predictor<?, ?, ?> estimator = estimator(algorithm, spec.seed());
      List<PipelineStage> stages = new ArrayList<>(FeaturePipeline.stages(spec));
      stages.add(estimator);
      Pipeline pipeline = new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
      ParamMap[] grid = grid(estimator, algorithm);

      Dataset<Row> train = prepared.where(labelled.and(col(IN_TRAIN)));
      Dataset<Row> test = prepared.where(labelled.and(col(IN_TRAIN).unary_$bang()));
      PipelineModel model;
      Map<String, String> params = new LinkedHashMap<>();
      long fitStarted = System.nanoTime();
      if (options.cvFolds() > 1) {
        LOG.info(
            "fitting {} with {}-fold cross-validation over {} parameter combinations",
            algorithm.id(),
            options.cvFolds(),
            grid.length);
        CrossValidatorModel cv =
            new CrossValidator()
                .setEstimator(pipeline)
                .setEstimatorParamMaps(grid)
                .setEvaluator(cvEvaluator(task))
                .setNumFolds(options.cvFolds())
                .setSeed(spec.seed())
                .fit(train);
        model = (PipelineModel) cv.bestModel();
        double[] avg = cv.avgMetrics();
        int best = 0;
        boolean larger = cvEvaluator(task).isLargerBetter();
        for (int i = 1; i < avg.length; i++) {
          if (larger ? avg[i] > avg[best] : avg[i] < avg[best]) {
            best = i;
          }
        }
        for (ParamPair<?> p : grid[best].toList()) {
          params.put(p.param().name(), String.valueOf(p.value()));
        }
        params.put("cv." + cvMetric(task), String.valueOf(avg[best]));
      } else {
        LOG.info("fitting {} on {} rows", algorithm.id(), trainRows);
        // The scaler and the estimator on the assembled vectors, cached: see PipelineFit.
        model = PipelineFit.fit(stages, train);
        if (grid.length > 0) {
          for (ParamPair<?> p : grid[0].toList()) {
            params.put(p.param().name(), String.valueOf(estimator.getOrDefault(p.param())));
          }
        }
      }
      double fitSeconds = (System.nanoTime() - fitStarted) / 1e9;
      LOG.info(
          "fitted {} in {}s",
          algorithm.id(),
          String.format(java.util.Locale.ROOT, "%.1f", fitSeconds));
      logIterations(model);

      ModelInfo info =
          new ModelInfo(
              null,
              0,
              algorithm.id(),
              task.id(),
              spec.label(),
              labels,
              spec.idColumn().orElse(null),
              Instant.now().toString(),
              CodeVersion.current(),
              spec.input(),
              fingerprint,
              read,
              trainRows,
              testRows,
              rejected,
              options.cvFolds(),
              params,
              fitSeconds);
      EvaluationReport report =
          new ModelEvaluator().evaluateLabelled(model, info, test, 0, options.threshold());
      Dataset<Row> rejectedRows = rejected == 0 ? null : rejectedRows(prepared, raw, spec, task);
      LOG.info(
          "trained {} in {}s: {}",
          algorithm.id(),
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9),
          report.metrics());
      return new TrainedModel(model, info, spec, report, rejectedRows);
    } finally {
      rows.unpersist();
    }
  }

  /** How many iterations an iterative fit ran: what each further row or tolerance costs. */
  private static void logIterations(PipelineModel model) {
    Object last = model.stages()[model.stages().length - 1];
    if (last instanceof LogisticRegressionModel lr && lr.hasSummary()) {
      LOG.info(
          "logistic regression: {} iterations (maxIter {})",
          lr.summary().totalIterations(),
          lr.getMaxIter());
    } else if (last instanceof LinearRegressionModel lin && lin.hasSummary()) {
      LOG.info(
          "linear regression: {} iterations (maxIter {})",
          lin.summary().totalIterations(),
          lin.getMaxIter());
    }
  }

  /**
   * The rows without a usable label, as {@code raw} has them plus a {@code reason}, taken from the
   * cached {@code prepared} rows and cached themselves before those are released: the registry
   * writes them after training, and reading them from {@code raw} again would read and parse the
   * whole input a third time (at scale 100 of the demo, the 74 MiB CSV on S3 for 500 rows). Same
   * partitions and order as {@code raw}, so the same files. {@link TrainedModel#release()} frees
   * them; if the cache is evicted, Spark recomputes them from the input.
   */
  private static Dataset<Row> rejectedRows(
      Dataset<Row> prepared, Dataset<Row> raw, DatasourceSpec spec, Task task) {
    Column[] rawColumns =
        Arrays.stream(raw.columns()).map(c -> col(FeaturePipeline.quote(c))).toArray(Column[]::new);
    Dataset<Row> rows =
        prepared
            .where(col(LabelColumn.VALUE).isNull())
            .select(rawColumns)
            .withColumn(
                "reason",
                lit(
                    "label '"
                        + spec.label()
                        + "' is missing"
                        + (task == Task.REGRESSION ? " or not a number" : "")))
            .persist(StorageLevel.MEMORY_AND_DISK());
    rows.count();
    return rows;
  }

  /**
   * True for the rows of {@code raw} in the training split: a hash of the row's content and the
   * spec's seed, so the same data splits the same way on any cluster and any partitioning. {@code
   * raw} must be the data as {@link DatasourceReader} reads it (the hash covers its columns and
   * types); public so that comparisons (e.g. benchmarks) can measure on the same test rows.
   */
  public static Column inTrainingSplit(Dataset<Row> raw, DatasourceSpec spec) {
    Column[] seeded = new Column[raw.columns().length + 1];
    for (int i = 0; i < raw.columns().length; i++) {
      seeded[i] = col(FeaturePipeline.quote(raw.columns()[i]));
    }
    seeded[seeded.length - 1] = lit(spec.seed());
    return pmod(xxhash64(seeded), lit(SPLIT_BUCKETS))
        .lt(Math.round(spec.trainFraction() * SPLIT_BUCKETS));
  }

  static Predictor<?, ?, ?> estimator(Algorithm algorithm, long seed) {
    String label = LabelColumn.VALUE;
    String features = FeaturePipeline.FEATURES;
    return switch (algorithm) {
      // A little L2 keeps the wide TF-IDF/one-hot model well-conditioned.
      case LOGISTIC ->
          new LogisticRegression()
              .setLabelCol(label)
              .setFeaturesCol(features)
              .setMaxIter(100)
              .setRegParam(0.01);
      case GBT ->
          new GBTClassifier()
              .setLabelCol(label)
              .setFeaturesCol(features)
              .setMaxIter(30)
              .setMaxDepth(4)
              .setSeed(seed);
      case RANDOM_FOREST ->
          new RandomForestClassifier()
              .setLabelCol(label)
              .setFeaturesCol(features)
              .setNumTrees(30)
              .setMaxDepth(8)
              .setSeed(seed);
      case LINEAR ->
          new LinearRegression()
              .setLabelCol(label)
              .setFeaturesCol(features)
              .setMaxIter(100)
              .setRegParam(0.01);
    };
  }

  /**
   * The hyper-parameters cross-validation searches; without it, the first entry names what is
   * recorded.
   */
  static ParamMap[] grid(Predictor<?, ?, ?> estimator, Algorithm algorithm) {
    ParamGridBuilder b = new ParamGridBuilder();
    switch (algorithm) {
      case LOGISTIC ->
          b.addGrid(((LogisticRegression) estimator).regParam(), new double[] {0.01, 0.001, 0.1});
      case LINEAR ->
          b.addGrid(((LinearRegression) estimator).regParam(), new double[] {0.01, 0.001, 0.1});
      // Two depths each: every grid point costs K fits of a whole ensemble.
      case GBT -> b.addGrid(((GBTClassifier) estimator).maxDepth(), new int[] {4, 6});
      case RANDOM_FOREST ->
          b.addGrid(((RandomForestClassifier) estimator).maxDepth(), new int[] {8, 5});
    }
    return b.build();
  }

  private static String cvMetric(Task task) {
    return switch (task) {
      case BINARY -> "areaUnderROC";
      case MULTICLASS -> "f1";
      case REGRESSION -> "rmse";
    };
  }

  private static Evaluator cvEvaluator(Task task) {
    String label = LabelColumn.VALUE;
    return switch (task) {
      case BINARY ->
          new BinaryClassificationEvaluator().setLabelCol(label).setMetricName(cvMetric(task));
      case MULTICLASS ->
          new MulticlassClassificationEvaluator().setLabelCol(label).setMetricName(cvMetric(task));
      case REGRESSION -> new RegressionEvaluator().setLabelCol(label).setMetricName(cvMetric(task));
    };
  }
}
