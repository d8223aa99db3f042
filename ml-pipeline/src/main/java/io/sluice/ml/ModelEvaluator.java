package io.sluice.ml;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.var_pop;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/** Measures a fitted model on labelled rows; see {@link EvaluationReport} for the metrics. */
public final class ModelEvaluator {

  public static final double DEFAULT_THRESHOLD = 0.5;

  /** Points of the ROC curve kept: plenty for a picture, few enough for metrics.json readers. */
  static final int ROC_BINS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(ModelEvaluator.class);

  /**
   * @throws MlInputException unless 0 < threshold < 1
   */
  public static double requireThreshold(double threshold) {
    if (!(threshold > 0.0 && threshold < 1.0)) {
      throw new MlInputException(
          "--threshold must be between 0 and 1 (exclusive), got " + threshold);
    }
    return threshold;
  }

  /**
   * Evaluates a model on data that carries the spec's label and feature columns. Rows whose label
   * is missing, or a class the model was not trained on, are counted and left out.
   *
   * @throws InvalidTrainingDataException naming the label or feature column {@code data} lacks
   */
  public EvaluationReport evaluate(
      LoadedModel loaded, Dataset<Row> data, String input, double threshold) {
    requireThreshold(threshold);
    PipelineModel model = loaded.model();
    ModelInfo info = loaded.info();
    // Checked here, not left to the pipeline: its error would name an internal stage, not the
    // column.
    List<String> needed = new ArrayList<>();
    needed.add(info.label());
    loaded.spec().features().forEach(f -> needed.add(f.name()));
    DatasourceReader.requireColumns(data, needed, input);
    Dataset<Row> labelled =
        data.withColumn(
            LabelColumn.VALUE, LabelColumn.value(info.label(), info.taskKind(), info.labels()));
    Dataset<Row> counted = labelled.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = counted.agg(count(lit(1)), count(col(LabelColumn.VALUE))).first();
      long unlabelled = counts.getLong(0) - counts.getLong(1);
      if (counts.getLong(1) == 0) {
        throw new InvalidTrainingDataException(
            "no row of "
                + input
                + " has a label '"
                + info.label()
                + "' the model knows"
                + (info.labels().isEmpty() ? "" : " (" + String.join(", ", info.labels()) + ")"));
      }
      if (unlabelled > 0) {
        LOG.warn(
            "{} of {} rows of {} have no known label '{}' and are left out of the evaluation",
            unlabelled,
            counts.getLong(0),
            input,
            info.label());
      }
      return evaluateLabelled(
          model, info, counted.where(col(LabelColumn.VALUE).isNotNull()), unlabelled, threshold);
    } finally {
      counted.unpersist();
    }
  }

  /**
   * Evaluates a registry model on the test rows of the data it was trained on (the spec's input,
   * split as the trainer split it), e.g. at another threshold.
   */
  public EvaluationReport evaluateTestSplit(
      org.apache.spark.sql.SparkSession spark, LoadedModel model, double threshold) {
    DatasourceSpec spec = model.spec();
    Dataset<Row> raw = new DatasourceReader(spark).read(spec.input(), spec.format());
    Dataset<Row> test = raw.where(ModelTrainer.inTrainingSplit(raw, spec).unary_$bang());
    return evaluate(model, test, spec.input() + " (test split)", threshold);
  }

  /** Evaluates rows whose {@link LabelColumn#VALUE} is set (the trainer's test split). */
  EvaluationReport evaluateLabelled(
      PipelineModel model,
      ModelInfo info,
      Dataset<Row> labelled,
      long unlabelled,
      double threshold) {
    return evaluateScored(
        model.transform(labelled), info.taskKind(), info.labels(), unlabelled, threshold);
  }

  /**
   * Measures scored rows: {@link LabelColumn#VALUE} (the true class index or number), {@code
   * prediction} and, for classification, {@code probability} (a vector over the classes).
   */
  EvaluationReport evaluateScored(
      Dataset<Row> predicted, Task task, List<String> labels, long unlabelled, double threshold) {
    if (task == Task.REGRESSION) {
      return regression(predicted, unlabelled);
    }
    Dataset<Row> scored =
        predicted.select(
            col(LabelColumn.VALUE).as("y"),
            col("prediction"),
            org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64").as("p"));
    if (task == Task.BINARY) {
      scored =
          scored
              .withColumn("score", element_at(col("p"), 2))
              // Strictly above, as MLlib's own classifiers decide at their threshold.
              .withColumn("yhat", when(col("score").gt(threshold), 1.0).otherwise(0.0));
    } else {
      scored = scored.withColumn("yhat", col("prediction"));
    }
    scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int k = labels.size();
      long[][] counts = new long[k][k];
      for (Row r : scored.groupBy("y", "yhat").count().collectAsList()) {
        counts[(int) r.getDouble(0)][(int) r.getDouble(1)] = r.getLong(2);
      }
      ConfusionMatrix matrix = new ConfusionMatrix(labels, counts);
      Map<String, Double> metrics = new LinkedHashMap<>();
      List<double[]> roc = new ArrayList<>();
      if (task == Task.BINARY) {
        JavaRDD<Tuple2<Object, Object>> pairs =
            scored
                .select("score", "y")
                .javaRDD()
                .map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1)));
        BinaryClassificationMetrics binary = new BinaryClassificationMetrics(pairs.rdd(), ROC_BINS);
        try {
          metrics.put("auc", binary.areaUnderROC());
          metrics.put("aupr", binary.areaUnderPR());
          for (Tuple2<Object, Object> point : binary.roc().toJavaRDD().collect()) {
            roc.add(new double[] {(Double) point._1(), (Double) point._2()});
          }
        } finally {
          binary.unpersist();
        }
      }
      metrics.putAll(EvaluationReport.classificationMetrics(matrix));
      return new EvaluationReport(
          task, matrix.total(), unlabelled, threshold, metrics, matrix, roc);
    } finally {
      scored.unpersist();
    }
  }

  private static EvaluationReport regression(Dataset<Row> predicted, long unlabelled) {
    Row r =
        predicted
            .agg(
                count(lit(1)),
                avg(pow(col("prediction").minus(col(LabelColumn.VALUE)), 2)),
                avg(abs(col("prediction").minus(col(LabelColumn.VALUE)))),
                sum(pow(col("prediction").minus(col(LabelColumn.VALUE)), 2)),
                var_pop(col(LabelColumn.VALUE)))
            .first();
    long n = r.getLong(0);
    double rmse = Math.sqrt(r.getDouble(1));
    double mae = r.getDouble(2);
    double totalSquares = r.getDouble(4) * n;
    double r2 = totalSquares == 0.0 ? Double.NaN : 1.0 - r.getDouble(3) / totalSquares;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("rmse", rmse);
    metrics.put("mae", mae);
    metrics.put("r2", r2);
    return new EvaluationReport(
        Task.REGRESSION, n, unlabelled, Double.NaN, metrics, null, List.of());
  }
}
