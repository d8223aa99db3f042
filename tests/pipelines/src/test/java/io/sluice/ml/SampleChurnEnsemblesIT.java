package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree ensembles on the committed sample ({@code sample-data/ml/customer-churn.yaml}, 5,000
 * rows): gbt, and a three-class random forest registered, loaded and applied. Each fit is dozens of
 * Spark jobs, so they run here, beside the other modules' ITs, rather than in ml-pipeline's unit
 * tests that every later module waits for (SampleChurnModelIT, here too, keeps the default model's
 * stated AUC).
 */
@SluiceTest
class SampleChurnEnsemblesIT {

  @TempDir static Path dir;

  @Test
  void gbtTrainsToCompletionAndFindsTheSignal(SparkSession spark) {
    TrainedModel gbt =
        new ModelTrainer(spark).train(ChurnSample.spec(), TrainingOptions.of(Algorithm.GBT));
    assertEquals("gbt", gbt.info().algorithm());
    assertEquals(ChurnSample.TEST_ROWS, gbt.testReport().rows());
    double auc = gbt.testReport().metric("auc");
    assertTrue(auc > 0.75 && auc < 1.0, "gbt AUC " + auc);
  }

  @Test
  void randomForestClassifiesThreeContracts(SparkSession spark) throws IOException {
    String yaml =
        Files.readString(ChurnSample.SPEC)
            .replace("label: churned", "label: contract")
            .replace("  - {name: contract, type: categorical}\n", "");
    DatasourceSpec contracts =
        DatasourceSpec.parse(yaml, "contract.yaml", ChurnSample.SPEC.getParent());
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

    ModelRegistry registry =
        new ModelRegistry(
            dir.resolve("registry").toString(), spark.sparkContext().hadoopConfiguration());
    ModelVersion v = registry.register("contract", forest);
    LoadedModel loaded = registry.load(ModelRef.parse("contract:" + v.info().version()));
    Dataset<Row> input = new DatasourceReader(spark).read(contracts.input(), contracts.format());
    Dataset<Row> predictions =
        new BatchPredictor(spark)
            .predictions(loaded, input, "customer_id", "customer-churn.csv")
            .cache(); // three counts below: score the rows once
    assertEquals(5000, predictions.count());
    assertEquals(
        0, predictions.where("probability IS NULL OR probability < 0 OR probability > 1").count());
    assertEquals(
        0,
        predictions.where("prediction NOT IN ('month-to-month', 'one-year', 'two-year')").count());
    predictions.unpersist();
  }
}
