package io.sluice.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OnlinePredictor} against {@link BatchPredictor} on every row of the committed churn sample
 * (5,000 rows: missing values, a text feature) plus edge rows (values that are not numbers,
 * "NaN"/"Infinity", padded and unseen categories, empty and non-ASCII text): the same prediction
 * exactly and the same probability within 1e-9, for each algorithm. Models are small (few
 * iterations) and saved and loaded, as the registry serves them.
 */
class OnlinePredictorTest {

  private static final Path SAMPLE_SPEC = Path.of("..", "sample-data", "ml", "customer-churn.yaml");
  private static final Path EDGE_ROWS =
      Path.of("src", "test", "resources", "online", "edge-rows.csv");

  @TempDir static Path dir;

  private static SparkSession spark;
  private static DatasourceSpec sample;
  private static Path allRows;
  private static PipelineModel features;
  private static Dataset<Row> labelled;
  private static LoadedModel logistic;

  @BeforeAll
  static void prepare() throws IOException {
    spark = LocalSpark.session();
    sample = DatasourceSpec.load(SAMPLE_SPEC);
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(sample.input())));
    List<String> edge = Files.readAllLines(EDGE_ROWS);
    assertEquals(lines.get(0), edge.get(0));
    lines.addAll(edge.subList(1, edge.size()));
    allRows = dir.resolve("all-rows.csv");
    Files.write(allRows, lines);
    // One fit of the feature stages serves every model, each label in its own column (a label
    // that is also a feature does no harm here: only equality with the batch path is tested).
    Dataset<Row> raw = new DatasourceReader(spark).read(sample);
    List<String> contracts = LabelColumn.classes(raw, "contract", "sample");
    labelled =
        raw.withColumn(
                "label__churned", LabelColumn.value("churned", Task.BINARY, List.of("0", "1")))
            .withColumn(
                "label__contract", LabelColumn.value("contract", Task.MULTICLASS, contracts))
            .withColumn(
                "label__monthly_charges",
                LabelColumn.value("monthly_charges", Task.REGRESSION, List.of()))
            .cache();
    features =
        new Pipeline()
            .setStages(FeaturePipeline.stages(sample).toArray(PipelineStage[]::new))
            .fit(labelled);
    LogisticRegression lr = (LogisticRegression) ModelTrainer.estimator(Algorithm.LOGISTIC, 42);
    logistic = fit("churned", Task.BINARY, lr.setMaxIter(20));
  }

  @Test
  void logisticEqualsBatchOnEveryRow() {
    assertOnlineEqualsBatch(logistic);
  }

  @Test
  void gbtEqualsBatchOnEveryRow() {
    GBTClassifier gbt = (GBTClassifier) ModelTrainer.estimator(Algorithm.GBT, 42);
    assertOnlineEqualsBatch(fit("churned", Task.BINARY, gbt.setMaxIter(5).setMaxDepth(3)));
  }

  @Test
  void randomForestOnThreeClassesEqualsBatchOnEveryRow() {
    // contract as the label: a multiclass model, whose probability is the predicted class's.
    RandomForestClassifier rf =
        (RandomForestClassifier) ModelTrainer.estimator(Algorithm.RANDOM_FOREST, 42);
    LoadedModel model = fit("contract", Task.MULTICLASS, rf.setNumTrees(5).setMaxDepth(4));
    assertEquals(Task.MULTICLASS, model.info().taskKind());
    assertOnlineEqualsBatch(model);
  }

  @Test
  void linearRegressionEqualsBatchOnEveryRow() {
    LinearRegression linear = (LinearRegression) ModelTrainer.estimator(Algorithm.LINEAR, 42);
    assertOnlineEqualsBatch(fit("monthly_charges", Task.REGRESSION, linear.setMaxIter(20)));
  }

  @Test
  void theSparkTransformPathGivesTheSameAnswers() {
    List<Map<String, Object>> all = rowsOf(input());
    // The sample's first rows and the edge rows: each call plans a query over the rows given.
    List<Map<String, Object>> rows = new ArrayList<>(all.subList(0, 200));
    rows.addAll(all.subList(all.size() - 7, all.size()));
    OnlinePredictor perRow = OnlinePredictor.of(logistic);
    OnlinePredictor viaSpark =
        OnlinePredictor.of(logistic, OnlinePredictor.Evaluation.SPARK_TRANSFORM);
    assertEquals(OnlinePredictor.Evaluation.SPARK_TRANSFORM, viaSpark.evaluation());
    assertEquals(perRow.predictAll(rows), viaSpark.predictAll(rows));
    Map<String, Object> last = rows.get(rows.size() - 1);
    assertEquals(perRow.predict(last), viaSpark.predict(last));
  }

  @Test
  void jsonTypedValuesScoreAsTheirText() {
    Map<String, Object> text = new HashMap<>();
    text.putAll(Map.of("age", "41", "tenure_months", "3", "monthly_charges", "47.86"));
    text.putAll(Map.of("support_calls", "2", "plan", "premium", "region", "east"));
    text.putAll(Map.of("contract", "month-to-month", "note", "question called service"));
    Map<String, Object> typed = new HashMap<>(text);
    typed.putAll(Map.of("age", 41, "tenure_months", 3L, "monthly_charges", 47.86));
    typed.put("support_calls", new java.math.BigDecimal("2"));
    typed.put("not_a_feature", List.of("ignored"));
    OnlinePredictor p = OnlinePredictor.of(logistic);
    OnlinePrediction expected = p.predict(text);
    assertEquals(expected, p.predict(typed));
    assertEquals(
        expected,
        OnlinePredictor.of(logistic, OnlinePredictor.Evaluation.SPARK_TRANSFORM).predict(typed));
    assertEquals(List.of(expected, expected), p.predictAll(List.of(text, typed)));
  }

  @Test
  void aValueThatIsNotAScalarNamesTheField() {
    OnlinePredictor p = OnlinePredictor.of(logistic);
    Map<String, Object> row = new HashMap<>(Map.of("age", 41, "plan", Map.of("tier", "premium")));
    MlInputException object = assertThrows(MlInputException.class, () -> p.predict(row));
    assertEquals(
        "feature 'plan' must be a single value (string, number, boolean or null), not an object",
        object.getMessage());
    row.put("plan", "premium");
    row.put("note", List.of("a", "b"));
    MlInputException array = assertThrows(MlInputException.class, () -> p.predictAll(List.of(row)));
    assertTrue(
        array.getMessage().startsWith("feature 'note' must be a single value"), array.getMessage());
  }

  @Test
  void featuresAreTheSpecs() {
    assertEquals(sample.features(), OnlinePredictor.of(logistic).features());
  }

  @Test
  void aPipelineThePerRowPathDoesNotKnowFallsBackToSpark() {
    // The same fitted stages with the spec's features reordered: the SQL stage is no longer the
    // statement this spec gives, so the per-row path refuses it and of() falls back.
    List<FeatureSpec> reversed = new ArrayList<>(sample.features());
    java.util.Collections.reverse(reversed);
    DatasourceSpec other =
        new DatasourceSpec(
            sample.source(),
            sample.input(),
            sample.format(),
            sample.label(),
            sample.idColumn(),
            reversed,
            sample.trainFraction(),
            sample.seed());
    LoadedModel model = new LoadedModel(logistic.model(), logistic.info(), other, "memory");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnlinePredictor.of(model, OnlinePredictor.Evaluation.PER_ROW));
    assertTrue(e.getMessage().contains("SQL stage"), e.getMessage());
    OnlinePredictor fallback = OnlinePredictor.of(model);
    assertEquals(OnlinePredictor.Evaluation.SPARK_TRANSFORM, fallback.evaluation());
    List<Map<String, Object>> rows = rowsOf(input()).subList(0, 50);
    assertEquals(OnlinePredictor.of(logistic).predictAll(rows), fallback.predictAll(rows));
  }

  private static void assertOnlineEqualsBatch(LoadedModel model) {
    Dataset<Row> input = input();
    Map<String, Row> batch = new HashMap<>();
    for (Row r :
        new BatchPredictor(spark).predictions(model, input, "customer_id", "all").collectAsList()) {
      batch.put(r.getString(0), r);
    }
    List<Map<String, Object>> rows = rowsOf(input);
    OnlinePredictor predictor = OnlinePredictor.of(model);
    assertEquals(OnlinePredictor.Evaluation.PER_ROW, predictor.evaluation());
    List<OnlinePrediction> online = predictor.predictAll(rows);
    assertEquals(batch.size(), online.size());
    double maxDiff = 0;
    int identical = 0;
    for (int i = 0; i < rows.size(); i++) {
      String id = (String) rows.get(i).get("customer_id");
      Row expected = batch.get(id);
      OnlinePrediction actual = online.get(i);
      assertEquals(expected.get(1), actual.prediction(), id);
      if (expected.isNullAt(2)) {
        assertNull(actual.probability(), id);
      } else {
        assertEquals(expected.getDouble(2), actual.probability(), 1e-9, id);
        double diff = Math.abs(expected.getDouble(2) - actual.probability());
        maxDiff = Double.isNaN(diff) ? maxDiff : Math.max(maxDiff, diff);
      }
      identical +=
          java.util.Objects.equals(expected.get(1), actual.prediction())
                  && java.util.Objects.equals(
                      expected.isNullAt(2) ? null : expected.getDouble(2), actual.probability())
              ? 1
              : 0;
      if (id.startsWith("X")) {
        assertEquals(actual, predictor.predict(rows.get(i)), id);
      }
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "%s: %d rows, %d bit-identical, max |probability difference| %.3g%n",
        model.info().algorithm(),
        rows.size(),
        identical,
        maxDiff);
  }

  private static Dataset<Row> input() {
    return new DatasourceReader(spark).read(allRows.toString(), DataFormat.CSV);
  }

  /** Each row as a JSON object would give it, with the id and label columns as ignored fields. */
  private static List<Map<String, Object>> rowsOf(Dataset<Row> input) {
    List<Map<String, Object>> rows = new ArrayList<>();
    String[] columns = input.columns();
    for (Row r : input.collectAsList()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.length; i++) {
        m.put(columns[i], r.get(i));
      }
      rows.add(m);
    }
    return rows;
  }

  /**
   * The fitted feature stages and {@code estimator}, fitted on the rows with a {@code label}: a
   * flat pipeline as {@link ModelTrainer} writes, saved and loaded as the registry serves it.
   */
  private static LoadedModel fit(String label, Task task, Predictor<?, ?, ?> estimator) {
    String labelColumn = "label__" + label;
    List<PipelineStage> stages = new ArrayList<>(List.of(features.stages()));
    stages.add(estimator.setLabelCol(labelColumn));
    PipelineModel fitted =
        new Pipeline()
            .setStages(stages.toArray(PipelineStage[]::new))
            .fit(labelled.where(col(labelColumn).isNotNull()));
    String algorithm = estimator.getClass().getSimpleName();
    String location = dir.resolve("models").resolve(algorithm).toString();
    try {
      fitted.write().overwrite().save(location);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> labels =
        task == Task.REGRESSION ? List.of() : LabelColumn.classes(labelled, label, "sample");
    ModelInfo info =
        new ModelInfo(
            "churn",
            1,
            algorithm,
            task.id(),
            label,
            labels,
            "customer_id",
            "2026-12-02T00:00:00Z",
            "test",
            sample.input(),
            "",
            0,
            0,
            0,
            0,
            0,
            Map.of(),
            0);
    return new LoadedModel(PipelineModel.load(location), info, sample, location);
  }
}
