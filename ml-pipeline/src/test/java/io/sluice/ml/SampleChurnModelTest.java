package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample ({@code sample-data/ml/customer-churn.yaml}, 5,000 rows): the AUC the README
 * states, re-evaluation of a registry model on the same test split, gbt, and a three-class model.
 */
class SampleChurnModelTest {

  /** The figures README.md and sample-data/README.md state for the default (logistic) model. */
  private static final long SAMPLE_TEST_ROWS = 1009;

  private static final double SAMPLE_AUC = 0.8225;

  private static final Path SAMPLE_SPEC = Path.of("..", "sample-data", "ml", "customer-churn.yaml");

  @TempDir static Path dir;

  private static SparkSession spark;
  private static DatasourceSpec sample;
  private static ModelRegistry registry;
  private static TrainedModel logistic;

  @BeforeAll
  static void trainTheDefaultModel() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("SampleChurnModelTest")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    sample = DatasourceSpec.load(SAMPLE_SPEC);
    registry =
        new ModelRegistry(
            dir.resolve("registry").toString(), spark.sparkContext().hadoopConfiguration());
    logistic = new ModelTrainer(spark).train(sample, TrainingOptions.of(Algorithm.LOGISTIC));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void theDefaultModelReachesTheStatedAuc() {
    assertEquals(5000, logistic.info().readRows());
    assertEquals(SAMPLE_TEST_ROWS, logistic.info().testRows());
    assertEquals(SAMPLE_TEST_ROWS, logistic.testReport().rows());
    assertEquals(SAMPLE_AUC, logistic.testReport().metric("auc"), 0.0005);
  }

  @Test
  void reEvaluatingTheTestSplitGivesTheTrainingReport() {
    ModelVersion v = registry.register("churn", logistic);
    LoadedModel loaded = registry.load(ModelRef.parse("churn:" + v.info().version()));
    EvaluationReport again =
        new ModelEvaluator().evaluateTestSplit(spark, loaded, ModelEvaluator.DEFAULT_THRESHOLD);
    EvaluationReport trained = logistic.testReport();
    assertEquals(trained.rows(), again.rows());
    assertEquals(0, again.unlabelledRows());
    assertEquals(trained.confusion(), again.confusion());
    for (String metric : List.of("auc", "aupr", "accuracy", "f1")) {
      assertEquals(trained.metric(metric), again.metric(metric), 1e-9, metric);
    }
  }

  @Test
  void gbtTrainsToCompletionAndFindsTheSignal() {
    TrainedModel gbt = new ModelTrainer(spark).train(sample, TrainingOptions.of(Algorithm.GBT));
    assertEquals("gbt", gbt.info().algorithm());
    assertEquals(SAMPLE_TEST_ROWS, gbt.testReport().rows());
    double auc = gbt.testReport().metric("auc");
    assertTrue(auc > 0.75 && auc < 1.0, "gbt AUC " + auc);
  }

  @Test
  void randomForestClassifiesThreeContracts() throws IOException {
    String yaml =
        Files.readString(SAMPLE_SPEC)
            .replace("label: churned", "label: contract")
            .replace("  - {name: contract, type: categorical}\n", "");
    DatasourceSpec contracts = DatasourceSpec.parse(yaml, "contract.yaml", SAMPLE_SPEC.getParent());
    TrainedModel forest =
        new ModelTrainer(spark).train(contracts, TrainingOptions.of(Algorithm.RANDOM_FOREST));
    assertEquals("multiclass", forest.info().task());
    assertEquals(List.of("month-to-month", "one-year", "two-year"), forest.info().labels());
    EvaluationReport report = forest.testReport();
    assertEquals(3, report.confusion().size());
    assertEquals(report.rows(), report.confusion().total());
    assertTrue(report.roc().isEmpty(), "no ROC curve for three classes");
    for (String metric : List.of("accuracy", "precision", "recall", "f1")) {
      assertTrue(report.metric(metric) >= 0 && report.metric(metric) <= 1, metric);
    }

    List<org.apache.hadoop.fs.Path> pngs =
        new EvaluationCharts(spark.sparkContext().hadoopConfiguration())
            .write(
                report,
                "contract",
                new org.apache.hadoop.fs.Path(dir.resolve("contract-plots").toUri()));
    assertEquals(1, pngs.size(), "only the confusion matrix for three classes: " + pngs);
    BufferedImage image =
        ImageIO.read(
            dir.resolve("contract-plots").resolve(EvaluationCharts.CONFUSION_FILE).toFile());
    assertNotNull(image);
    assertEquals(EvaluationCharts.WIDTH, image.getWidth());
    assertEquals(EvaluationCharts.HEIGHT, image.getHeight());

    ModelVersion v = registry.register("contract", forest);
    LoadedModel loaded = registry.load(ModelRef.parse("contract:" + v.info().version()));
    Dataset<Row> input = new DatasourceReader(spark).read(contracts.input(), contracts.format());
    Dataset<Row> predictions =
        new BatchPredictor(spark).predictions(loaded, input, "customer_id", "customer-churn.csv");
    assertEquals(5000, predictions.count());
    assertEquals(
        0, predictions.where("probability IS NULL OR probability < 0 OR probability > 1").count());
    assertEquals(
        0,
        predictions.where("prediction NOT IN ('month-to-month', 'one-year', 'two-year')").count());
  }
}
