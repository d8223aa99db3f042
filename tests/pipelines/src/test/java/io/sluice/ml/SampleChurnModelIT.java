package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.SluiceTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample ({@code sample-data/ml/customer-churn.yaml}, 5,000 rows): the AUC the README
 * states, and re-evaluation of a registry model on the same test split. gbt and the three-class
 * random forest on it are tests/engines' SampleChurnEnsemblesIT (off the build's critical path).
 */
@SluiceTest
class SampleChurnModelIT {

  /** The AUC README.md and sample-data/README.md state for the default (logistic) model. */
  private static final double SAMPLE_AUC = 0.8225;

  @TempDir static Path dir;

  private static SparkSession spark;
  private static DatasourceSpec sample;
  private static ModelRegistry registry;
  private static TrainedModel logistic;

  @BeforeAll
  static void trainTheDefaultModel(SparkSession session) {
    spark = session;
    sample = ChurnSample.spec();
    registry =
        new ModelRegistry(
            dir.resolve("registry").toString(), spark.sparkContext().hadoopConfiguration());
    logistic = new ModelTrainer(spark).train(sample, TrainingOptions.of(Algorithm.LOGISTIC));
  }

  @Test
  void theDefaultModelReachesTheStatedAuc() {
    assertEquals(5000, logistic.info().readRows());
    assertEquals(ChurnSample.TEST_ROWS, logistic.info().testRows());
    assertEquals(ChurnSample.TEST_ROWS, logistic.testReport().rows());
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
}
