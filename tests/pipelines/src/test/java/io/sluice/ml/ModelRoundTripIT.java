package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.sampledata.ChurnGenerator;
import io.sluice.testing.SluiceTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train, register, load, evaluate and predict on local Spark, with the generated churn data (the
 * default logistic model is {@link ChurnLogisticModel}, shared with the other ML ITs).
 */
@SluiceTest
class ModelRoundTripIT {

  private static final int ROWS = ChurnLogisticModel.ROWS;

  @TempDir static Path dir;

  private static SparkSession spark;
  private static DatasourceSpec spec;
  private static ModelRegistry registry;
  private static TrainedModel logistic;
  private static ModelVersion first;
  private static LoadedModel loaded;

  @BeforeAll
  static void trainOnce(SparkSession session) throws IOException {
    spark = session;
    // The shared model and its table; the specs below that name churn.csv read this copy.
    ChurnLogisticModel shared = ChurnLogisticModel.get(spark);
    shared.copyTable(dir.resolve("churn.csv"));
    spec = shared.spec;
    registry =
        new ModelRegistry(
            dir.resolve("registry").toString(), spark.sparkContext().hadoopConfiguration());
    logistic = shared.trained;
    first = registry.register("churn", logistic);
    loaded = registry.load(ModelRef.parse("churn:1"));
  }

  @Test
  void everyRowIsAccountedForAndTheSignalIsFound() {
    ModelInfo info = first.info();
    assertEquals(ROWS, info.readRows());
    assertEquals(info.readRows(), info.trainRows() + info.testRows() + info.rejectedRows());
    assertEquals(0, info.rejectedRows());
    assertEquals(List.of("0", "1"), info.labels());
    assertEquals("binary", info.task());
    assertTrue(
        info.trainingFingerprint().startsWith("rows=" + ROWS + ",xxhash64-sum="),
        info.trainingFingerprint());
    String version = System.getProperty("sluice.project.version");
    assertNotNull(version, "surefire sets sluice.project.version");
    assertFalse(info.codeVersion().contains("${"), info.codeVersion());
    assertTrue(
        info.codeVersion()
            .matches(
                "sluice-ml-pipeline "
                    + java.util.regex.Pattern.quote(version)
                    + " \\((git [0-9a-f]{7,}, )?Spark "
                    + java.util.regex.Pattern.quote(
                        org.apache.spark.package$.MODULE$.SPARK_VERSION())
                    + "\\)"),
        info.codeVersion());
    double auc = logistic.testReport().metric("auc");
    assertTrue(auc > 0.75 && auc < 1.0, "AUC " + auc);
    assertEquals(info.testRows(), logistic.testReport().rows());
    assertEquals(auc, first.metrics().get("auc"), 1e-12);
  }

  @Test
  void theRegistryHoldsTheVersionFilesAndPictures() throws IOException {
    Path v1 = dir.resolve("registry/churn/1");
    for (String f : List.of("model", "spec.yaml", "model.json", "metrics.json")) {
      assertTrue(Files.exists(v1.resolve(f)), f);
    }
    String metrics = Files.readString(v1.resolve("metrics.json"));
    for (String key :
        List.of(
            "\"auc\"",
            "\"aupr\"",
            "\"accuracy\"",
            "\"precision\"",
            "\"recall\"",
            "\"f1\"",
            "\"confusionMatrix\"")) {
      assertTrue(metrics.contains(key), key + " in " + metrics);
    }
    for (String png : List.of("roc.png", "confusion-matrix.png")) {
      BufferedImage image = ImageIO.read(v1.resolve("plots").resolve(png).toFile());
      assertNotNull(image, png);
      assertEquals(EvaluationCharts.WIDTH, image.getWidth());
      assertEquals(EvaluationCharts.HEIGHT, image.getHeight());
    }
  }

  @Test
  void versionsAreNumberedAndNeverOverwritten() throws IOException {
    String before = Files.readString(dir.resolve("registry/churn/1/model.json"));
    ModelVersion second = registry.register("churn", logistic);
    assertEquals(2, second.info().version());
    assertEquals(before, Files.readString(dir.resolve("registry/churn/1/model.json")));
    assertEquals(2, registry.resolve(ModelRef.parse("churn")).info().version());
    assertEquals(1, registry.resolve(ModelRef.parse("churn:1")).info().version());
    try (var staging = Files.list(dir.resolve("registry/churn"))) {
      assertFalse(
          staging.anyMatch(p -> p.getFileName().toString().startsWith(".staging")),
          "staging left behind");
    }
  }

  @Test
  void aModelFromTheRegistryPredictsWhatTheInMemoryModelDid() {
    Dataset<Row> input = new DatasourceReader(spark).read(spec.input(), spec.format());
    LoadedModel inMemory = new LoadedModel(logistic.model(), first.info(), spec, "memory");
    BatchPredictor predictor = new BatchPredictor(spark);
    Map<String, Row> expected =
        byId(predictor.predictions(inMemory, input, "customer_id", "churn.csv"));
    Map<String, Row> actual =
        byId(predictor.predictions(loaded, input, "customer_id", "churn.csv"));
    assertEquals(ROWS, expected.size());
    assertEquals(expected, actual);
  }

  @Test
  void batchPredictionWritesOneRowPerInputRow() {
    String out = dir.resolve("predictions").toString();
    PredictionSummary summary =
        new BatchPredictor(spark).predict(loaded, spec.input(), DataFormat.CSV, out, null, false);
    assertEquals(ROWS, summary.inputRows());
    assertEquals(ROWS, summary.writtenRows());
    Dataset<Row> written = spark.read().parquet(out);
    assertEquals(List.of("customer_id", "prediction", "probability"), List.of(written.columns()));
    assertEquals(ROWS, written.select("customer_id").distinct().count());
    assertEquals(
        0, written.where("probability IS NULL OR probability < 0 OR probability > 1").count());
    MlInputException exists =
        assertThrows(
            MlInputException.class,
            () ->
                new BatchPredictor(spark)
                    .predict(loaded, spec.input(), DataFormat.CSV, out, null, false));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
  }

  @Test
  void metricsMatchAHandComputedConfusionMatrix() {
    // (actual, P(yes)): at 0.5, TP=3 FP=2 FN=2 TN=3; AUC = 17 of 25 positive/negative pairs ordered
    // right.
    double[][] rows = {
      {1, 0.9}, {1, 0.8}, {0, 0.7}, {1, 0.6}, {0, 0.55}, {1, 0.4}, {0, 0.3}, {0, 0.2}, {0, 0.1},
      {1, 0.05}
    };
    List<Row> data = new ArrayList<>();
    for (double[] r : rows) {
      data.add(RowFactory.create(r[0], r[1] > 0.5 ? 1.0 : 0.0, Vectors.dense(1 - r[1], r[1])));
    }
    StructType schema =
        new StructType()
            .add(LabelColumn.VALUE, DataTypes.DoubleType)
            .add("prediction", DataTypes.DoubleType)
            .add("probability", SQLDataTypes.VectorType());
    Dataset<Row> scored = spark.createDataFrame(data, schema);
    ModelEvaluator evaluator = new ModelEvaluator();
    EvaluationReport half =
        evaluator.evaluateScored(scored, Task.BINARY, List.of("no", "yes"), 0, 0.5);
    assertEquals(
        new ConfusionMatrix(List.of("no", "yes"), new long[][] {{3, 2}, {2, 3}}), half.confusion());
    assertEquals(0.6, half.metric("accuracy"), 1e-12);
    assertEquals(0.6, half.metric("precision"), 1e-12);
    assertEquals(0.6, half.metric("recall"), 1e-12);
    assertEquals(0.6, half.metric("f1"), 1e-12);
    assertEquals(17.0 / 25, half.metric("auc"), 1e-12);
    // PR curve by falling score, (recall, precision): (.2,1) (.4,1) (.4,2/3) (.6,3/4) (.6,3/5)
    // (.8,2/3) (.8,4/7)
    // (.8,1/2) (.8,4/9) (1,1/2), starting at (0,1) as MLlib's does; by trapezoids over the recall
    // steps:
    assertEquals(
        0.2
            + 0.2
            + 0.1 * (2.0 / 3 + 3.0 / 4)
            + 0.1 * (3.0 / 5 + 2.0 / 3)
            + 0.1 * (4.0 / 9 + 1.0 / 2),
        half.metric("aupr"),
        1e-12);
    EvaluationReport strict =
        evaluator.evaluateScored(scored, Task.BINARY, List.of("no", "yes"), 0, 0.65);
    assertEquals(
        new ConfusionMatrix(List.of("no", "yes"), new long[][] {{4, 1}, {3, 2}}),
        strict.confusion());
    assertEquals(2.0 / 3, strict.metric("precision"), 1e-12);
    assertEquals(0.4, strict.metric("recall"), 1e-12);
  }

  @Test
  void regressionMetricsMatchHandComputedValues() {
    // (actual, predicted): errors .5, 0, -.5, 1; squares sum to 1.5; the actuals' squares about
    // their mean (2.5) to 5.
    double[][] rows = {{1, 1.5}, {2, 2}, {3, 2.5}, {4, 5}};
    List<Row> data = new ArrayList<>();
    for (double[] r : rows) {
      data.add(RowFactory.create(r[0], r[1]));
    }
    StructType schema =
        new StructType()
            .add(LabelColumn.VALUE, DataTypes.DoubleType)
            .add("prediction", DataTypes.DoubleType);
    EvaluationReport report =
        new ModelEvaluator()
            .evaluateScored(
                spark.createDataFrame(data, schema), Task.REGRESSION, List.of(), 0, Double.NaN);
    assertEquals(4, report.rows());
    assertEquals(Math.sqrt(1.5 / 4), report.metric("rmse"), 1e-12);
    assertEquals(2.0 / 4, report.metric("mae"), 1e-12);
    assertEquals(1 - 1.5 / 5, report.metric("r2"), 1e-12);
    assertEquals(null, report.confusion());
  }

  @Test
  void theFingerprintFollowsTheDataAndParquetTrainsLikeCsv() throws IOException {
    Path csv = dir.resolve("small/churn.csv");
    ChurnGenerator.writeTable(5, 200, csv);
    TrainedModel fromCsv =
        new ModelTrainer(spark)
            .train(smallSpec("small/churn.csv", "csv"), TrainingOptions.of(Algorithm.LOGISTIC));

    // The CSV as read (string columns) written as Parquet: the same rows, so the same fingerprint
    // and split.
    new DatasourceReader(spark)
        .read(csv.toString(), DataFormat.CSV)
        .write()
        .parquet(dir.resolve("small/parquet").toString());
    TrainedModel fromParquet =
        new ModelTrainer(spark)
            .train(smallSpec("small/parquet", "parquet"), TrainingOptions.of(Algorithm.LOGISTIC));
    assertEquals(fromCsv.info().trainingFingerprint(), fromParquet.info().trainingFingerprint());
    assertEquals(200, fromParquet.info().readRows());
    assertEquals(fromCsv.info().testRows(), fromParquet.info().testRows());
    assertEquals(fromCsv.testReport().metric("auc"), fromParquet.testReport().metric("auc"), 1e-9);

    // One value of one row changed: another fingerprint.
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    String changed = lines.get(100).replaceFirst(",(\\d+),", ",999,");
    assertTrue(!changed.equals(lines.get(100)), lines.get(100));
    lines.set(100, changed);
    Files.write(dir.resolve("small/changed.csv"), lines);
    TrainedModel fromChanged =
        new ModelTrainer(spark)
            .train(smallSpec("small/changed.csv", "csv"), TrainingOptions.of(Algorithm.LOGISTIC));
    assertEquals(200, fromChanged.info().readRows());
    assertTrue(
        !fromCsv.info().trainingFingerprint().equals(fromChanged.info().trainingFingerprint()),
        fromCsv.info().trainingFingerprint());
  }

  private static DatasourceSpec smallSpec(String input, String format) {
    return DatasourceSpec.parse(
        ChurnGenerator.spec(input).replace("format: csv", "format: " + format), "small.yaml", dir);
  }

  @Test
  void predictionsWithoutAnIdColumnGetUniqueRowIds() {
    DatasourceSpec noId =
        DatasourceSpec.parse(
            ChurnGenerator.spec("churn.csv").replace("id: customer_id\n", ""), "no-id.yaml", dir);
    assertTrue(noId.idColumn().isEmpty());
    LoadedModel model = new LoadedModel(loaded.model(), loaded.info(), noId, loaded.location());
    String out = dir.resolve("predictions-no-id").toString();
    PredictionSummary summary =
        new BatchPredictor(spark).predict(model, spec.input(), DataFormat.CSV, out, null, false);
    assertEquals(ROWS, summary.writtenRows());
    Dataset<Row> written = spark.read().parquet(out);
    assertEquals(
        List.of(BatchPredictor.ROW_ID, "prediction", "probability"), List.of(written.columns()));
    assertEquals(ROWS, written.count());
    assertEquals(ROWS, written.select(BatchPredictor.ROW_ID).distinct().count());
  }

  @Test
  void evaluatingDataWithoutAFeatureNamesTheColumn() {
    Dataset<Row> input =
        new DatasourceReader(spark).read(spec.input(), spec.format()).drop("tenure_months");
    InvalidTrainingDataException e =
        assertThrows(
            InvalidTrainingDataException.class,
            () -> new ModelEvaluator().evaluate(loaded, input, "churn.csv", 0.5));
    assertTrue(
        e.getMessage()
            .startsWith(
                "column 'tenure_months' is not in churn.csv; its columns are: customer_id, age"),
        e.getMessage());
  }

  @Test
  void evaluatingAgainstNewDataUsesTheSpecLabel() {
    Dataset<Row> input = new DatasourceReader(spark).read(spec.input(), spec.format());
    EvaluationReport all = new ModelEvaluator().evaluate(loaded, input, "churn.csv", 0.5);
    assertEquals(ROWS, all.rows());
    assertEquals(0, all.unlabelledRows());
    assertTrue(all.metric("auc") > 0.75);
  }

  @Test
  void linearRegressionSetsAsideRowsWithoutANumericLabel() throws IOException {
    // monthly_charges is missing in ~3% of the rows: those have no label and are rejected, not
    // dropped.
    String yaml =
        ChurnGenerator.spec("churn.csv")
            .replace("label: churned", "label: monthly_charges")
            .replace("  - {name: monthly_charges, type: numeric}\n", "");
    Path file = dir.resolve("charges.yaml");
    Files.writeString(file, yaml);
    TrainedModel linear =
        new ModelTrainer(spark)
            .train(DatasourceSpec.load(file), TrainingOptions.of(Algorithm.LINEAR));
    ModelInfo info = linear.info();
    assertEquals("regression", info.task());
    assertTrue(info.rejectedRows() > 0);
    assertEquals(ROWS, info.trainRows() + info.testRows() + info.rejectedRows());
    assertTrue(linear.testReport().metrics().keySet().containsAll(List.of("rmse", "mae", "r2")));
    ModelVersion v = registry.register("charges", linear);
    Dataset<Row> quarantined =
        spark.read().parquet(v.location() + "/" + ModelRegistry.REJECTED_DIR);
    assertEquals(info.rejectedRows(), quarantined.count());
    assertEquals(0, quarantined.where("monthly_charges IS NOT NULL OR reason IS NULL").count());
    // The trainer keeps them from its cached rows: the input's unlabelled rows, as read, in order.
    Dataset<Row> input = new DatasourceReader(spark).read(DatasourceSpec.load(file));
    List<Row> expected =
        input
            .where(
                "try_cast(monthly_charges AS DOUBLE) IS NULL"
                    + " OR isnan(try_cast(monthly_charges AS DOUBLE))")
            .withColumn(
                "reason", functions.lit("label 'monthly_charges' is missing or not a number"))
            .collectAsList();
    assertEquals(expected, quarantined.collectAsList());
    assertEquals(
        List.of(input.columns()),
        List.of(quarantined.columns()).subList(0, input.columns().length));
    linear.release();
  }

  @Test
  void missingVersionsAndModelsAreClearErrors() {
    ModelNotFoundException version =
        assertThrows(
            ModelNotFoundException.class, () -> registry.resolve(ModelRef.parse("churn:99")));
    assertTrue(
        version.getMessage().startsWith("model 'churn' has no version 99 in registry "),
        version.getMessage());
    ModelNotFoundException name =
        assertThrows(ModelNotFoundException.class, () -> registry.load(ModelRef.parse("churm")));
    assertTrue(name.getMessage().contains("no model 'churm' in registry"), name.getMessage());
    assertTrue(name.getMessage().contains("churn"), name.getMessage());
  }

  @Test
  void aMissingLabelColumnIsAClearError() {
    DatasourceSpec wrong =
        DatasourceSpec.parse(
            ChurnGenerator.spec("churn.csv").replace("label: churned", "label: churn"),
            "wrong.yaml",
            dir);
    InvalidTrainingDataException e =
        assertThrows(
            InvalidTrainingDataException.class,
            () -> new ModelTrainer(spark).train(wrong, TrainingOptions.of(Algorithm.LOGISTIC)));
    assertTrue(e.getMessage().startsWith("column 'churn' is not in "), e.getMessage());
    assertTrue(e.getMessage().contains("its columns are: customer_id, age"), e.getMessage());
  }

  @Test
  void aLabelWithOneClassIsAClearError() throws IOException {
    Path csv = dir.resolve("one-class.csv");
    Files.writeString(csv, "x,c,y\n1,a,1\n2,b,1\n3,a,1\n4,b,1\n");
    DatasourceSpec oneClass =
        DatasourceSpec.parse(
            "input: one-class.csv\nlabel: y\nfeatures:\n  - {name: x, type: numeric}\n"
                + "  - {name: c, type: categorical}\n",
            "one-class.yaml",
            dir);
    InvalidTrainingDataException e =
        assertThrows(
            InvalidTrainingDataException.class,
            () -> new ModelTrainer(spark).train(oneClass, TrainingOptions.of(Algorithm.GBT)));
    assertTrue(e.getMessage().startsWith("label 'y' has one class ('1') in "), e.getMessage());
  }

  @Test
  void anAllNullFeatureIsAClearError() throws IOException {
    Path csv = dir.resolve("all-null.csv");
    StringBuilder text = new StringBuilder("x,empty,y\n");
    for (int i = 0; i < 40; i++) {
      text.append(i).append(",,").append(i % 2).append('\n');
    }
    Files.writeString(csv, text);
    DatasourceSpec allNull =
        DatasourceSpec.parse(
            "input: all-null.csv\nlabel: y\nfeatures:\n  - {name: x, type: numeric}\n"
                + "  - {name: empty, type: numeric}\n",
            "all-null.yaml",
            dir);
    InvalidTrainingDataException e =
        assertThrows(
            InvalidTrainingDataException.class,
            () -> new ModelTrainer(spark).train(allNull, TrainingOptions.of(Algorithm.LOGISTIC)));
    assertTrue(
        e.getMessage()
            .startsWith("feature 'empty' (numeric) has no values in the 40 labelled rows of "),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("fix the data or remove it from all-null.yaml"), e.getMessage());
  }

  @Test
  void describeCountsMissingValuesAndTheLabelBalance() {
    DatasourceDescription d = new DatasourceDescriber(spark).describe(spec);
    assertEquals(ROWS, d.rows());
    DatasourceDescription.ColumnStats age = d.column("age");
    assertTrue(age.missing() > 0 && age.missing() < ROWS / 10, "missing ages: " + age.missing());
    assertTrue(age.min() >= 18 && age.max() <= 80 && age.mean() > 30 && age.mean() < 70);
    assertEquals(3, d.column("contract").distinct());
    assertEquals(ROWS, d.column("customer_id").distinct());
    assertEquals(ROWS, d.labelBalance().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(java.util.Set.of("0", "1"), d.labelBalance().keySet());
    assertTrue(d.toTable().contains("label balance:"));
  }

  private static Map<String, Row> byId(Dataset<Row> predictions) {
    Map<String, Row> rows = new HashMap<>();
    for (Row r : predictions.collectAsList()) {
      rows.put(r.getString(0), r);
    }
    return rows;
  }
}
