package io.sluice.ml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores single rows with a registry model in the calling thread, without a Spark job: the same
 * prediction and probability {@link BatchPredictor} writes for the same row (within 1e-9; the
 * figures in docs/BENCHMARKS.md show them bit-identical on the churn sample).
 *
 * <p>Two ways to evaluate, chosen when the predictor is built ({@link #of(LoadedModel)}):
 *
 * <ul>
 *   <li>{@link Evaluation#PER_ROW}: each fitted stage reproduced in plain Java from its public
 *       parameters ({@link RowPipeline}), then the final model's own {@code predictRaw}/{@code
 *       predictProbability}/{@code predict}. Measured at tens of microseconds a row, against
 *       milliseconds for the Spark path, so it is the default for every pipeline {@link
 *       FeaturePipeline} writes.
 *   <li>{@link Evaluation#SPARK_TRANSFORM}: a one-row local DataFrame through {@code
 *       PipelineModel.transform} and {@link BatchPredictor#predictions}. No job is launched (Spark
 *       folds projections over a local relation), but every call analyses and optimises a plan. The
 *       fallback for a pipeline with stages the per-row path does not know.
 * </ul>
 *
 * <p>Input values are what a JSON object gives: a String, a number, a boolean or null; a missing or
 * wrongly typed value behaves as the batch path treats that value in a column of its type (a
 * numeric feature that is not a number is missing and imputed; an unseen category gets the unseen
 * slot). Fields that are not features are ignored. Thread-safe: built once per model.
 */
public final class OnlinePredictor {

  /** How rows are evaluated; see the class comment. */
  public enum Evaluation {
    PER_ROW,
    SPARK_TRANSFORM
  }

  private static final Logger LOG = LoggerFactory.getLogger(OnlinePredictor.class);

  private final LoadedModel model;
  private final Task task;
  private final List<String> labels;
  private final List<FeatureSpec> features;
  private final Evaluation evaluation;
  private final RowPipeline rows;
  private final Transformer last;
  private final SparkTransformScorer spark;

  private OnlinePredictor(LoadedModel model, Evaluation evaluation, RowPipeline rows) {
    this.model = model;
    this.task = model.info().taskKind();
    this.labels = List.copyOf(model.info().labels());
    this.features = List.copyOf(model.spec().features());
    this.evaluation = evaluation;
    this.rows = rows;
    Transformer[] stages = model.model().stages();
    this.last = stages[stages.length - 1];
    this.spark = evaluation == Evaluation.SPARK_TRANSFORM ? new SparkTransformScorer(model) : null;
  }

  /**
   * A predictor for {@code model}: per row in Java when every stage is one it reproduces, else
   * through Spark's transform (logged once).
   */
  public static OnlinePredictor of(LoadedModel model) {
    try {
      return new OnlinePredictor(model, Evaluation.PER_ROW, compile(model));
    } catch (RowPipeline.UnsupportedStageException e) {
      LOG.warn(
          "model {}:{}: {}; scoring each request through Spark's transform instead (slower)",
          model.info().name(),
          model.info().version(),
          e.getMessage());
      return new OnlinePredictor(model, Evaluation.SPARK_TRANSFORM, null);
    }
  }

  /**
   * A predictor that evaluates the given way (benchmarks and tests compare the two).
   *
   * @throws IllegalArgumentException when {@code evaluation} is PER_ROW and a stage is not
   *     reproduced, naming it
   */
  public static OnlinePredictor of(LoadedModel model, Evaluation evaluation) {
    if (evaluation == Evaluation.SPARK_TRANSFORM) {
      return new OnlinePredictor(model, evaluation, null);
    }
    try {
      return new OnlinePredictor(model, evaluation, compile(model));
    } catch (RowPipeline.UnsupportedStageException e) {
      throw new IllegalArgumentException(
          "model " + model.info().name() + ":" + model.info().version() + ": " + e.getMessage(), e);
    }
  }

  private static RowPipeline compile(LoadedModel model)
      throws RowPipeline.UnsupportedStageException {
    Transformer[] stages = model.model().stages();
    Transformer last = stages[stages.length - 1];
    boolean known =
        last instanceof LogisticRegressionModel
            || last instanceof GBTClassificationModel
            || last instanceof RandomForestClassificationModel
            || last instanceof LinearRegressionModel;
    if (!known) {
      throw new RowPipeline.UnsupportedStageException(
          "final stage "
              + last.uid()
              + " ("
              + last.getClass().getSimpleName()
              + ") is not evaluated per row");
    }
    if (last.hasParam("thresholds") && last.isDefined(last.getParam("thresholds"))) {
      throw new RowPipeline.UnsupportedStageException(
          "final stage " + last.uid() + " sets class thresholds");
    }
    return RowPipeline.compile(model.model(), model.spec());
  }

  /** The model's input columns, names and types, in the spec's order. */
  public List<FeatureSpec> features() {
    return features;
  }

  public Evaluation evaluation() {
    return evaluation;
  }

  /**
   * Scores one row of feature values by name.
   *
   * @throws MlInputException naming the field when a feature's value is not a single value
   */
  public OnlinePrediction predict(Map<String, ?> row) {
    Map<String, Object> values = normalise(row);
    if (spark != null) {
      return spark.score(List.of(values)).get(0);
    }
    return score(rows.features(values));
  }

  /** Scores each row, in order. */
  public List<OnlinePrediction> predictAll(List<? extends Map<String, ?>> input) {
    List<Map<String, Object>> values = new ArrayList<>(input.size());
    for (Map<String, ?> row : input) {
      values.add(normalise(row));
    }
    if (spark != null) {
      return spark.score(values);
    }
    List<OnlinePrediction> out = new ArrayList<>(input.size());
    for (Map<String, Object> v : values) {
      out.add(score(rows.features(v)));
    }
    return out;
  }

  /**
   * What the transform's prediction and probability columns hold, then {@link BatchPredictor}'s
   * mapping to the label and to one probability.
   */
  private OnlinePrediction score(Vector features) {
    if (task == Task.REGRESSION) {
      return new OnlinePrediction(((LinearRegressionModel) last).predict(features), null);
    }
    @SuppressWarnings("unchecked")
    ProbabilisticClassificationModel<Vector, ?> classifier =
        (ProbabilisticClassificationModel<Vector, ?>) last;
    Vector raw = classifier.predictRaw(features);
    // The probability column is raw2probability(raw); predictProbability computes just that.
    Vector probability = classifier.predictProbability(features);
    double index = prediction(raw);
    String label = labels.get((int) index);
    double p;
    if (task == Task.BINARY) {
      p = probability.apply(1);
    } else {
      p = Double.NEGATIVE_INFINITY;
      for (double x : probability.toArray()) {
        p = Math.max(p, x);
      }
    }
    return new OnlinePrediction(label, p);
  }

  /**
   * The transform's prediction column without thresholds: raw2prediction of the raw column, which
   * for binomial logistic regression compares the margin with log(t / (1 - t)) and for the others
   * takes the first largest raw score. (The models' own {@code predict(features)} differs from it
   * for a binomial margin within an ulp of the threshold.)
   */
  private double prediction(Vector raw) {
    if (last instanceof LogisticRegressionModel lr && lr.coefficientMatrix().numRows() == 1) {
      double t = lr.getThreshold();
      double rawThreshold =
          t == 0.0
              ? Double.NEGATIVE_INFINITY
              : t == 1.0 ? Double.POSITIVE_INFINITY : Math.log(t / (1 - t));
      return raw.apply(1) > rawThreshold ? 1 : 0;
    }
    return raw.argmax();
  }

  /**
   * Feature values as the pipeline takes them: String, Integer, Long, Float, Double, Boolean or
   * null. Big numbers become their decimal text (Spark casts that text exactly as a CSV column's).
   */
  private Map<String, Object> normalise(Map<String, ?> row) {
    Map<String, Object> values = new HashMap<>();
    for (FeatureSpec f : features) {
      Object v = row.get(f.name());
      values.put(f.name(), scalar(f.name(), v));
    }
    return values;
  }

  private static Object scalar(String field, Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Integer
        || v instanceof Long
        || v instanceof Double
        || v instanceof Float
        || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Short || v instanceof Byte) {
      return ((Number) v).intValue();
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof BigInteger i) {
      return i.toString();
    }
    if (v instanceof Character c) {
      return c.toString();
    }
    String kind =
        v instanceof Map<?, ?>
            ? "an object"
            : v instanceof Collection<?> || v.getClass().isArray()
                ? "an array"
                : "a " + v.getClass().getSimpleName();
    throw new MlInputException(
        "feature '"
            + field
            + "' must be a single value (string, number, boolean or null), not "
            + kind);
  }

  LoadedModel model() {
    return model;
  }
}
