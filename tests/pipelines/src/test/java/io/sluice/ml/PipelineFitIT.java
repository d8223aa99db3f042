package io.sluice.ml;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.sampledata.ChurnGenerator;
import io.sluice.testing.SluiceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PipelineFit} (the scaler and the estimator fitted on the cached assembled vectors) fits
 * the model {@link Pipeline#fit} fits: every fitted value the same double, the same probabilities
 * for every row.
 */
@SluiceTest
class PipelineFitIT {

  @TempDir Path dir;

  @Test
  void fitsTheModelPipelineFitFits(SparkSession spark) throws Exception {
    Path csv = dir.resolve("churn.csv");
    ChurnGenerator.writeTable(7, 3_000, csv);
    Files.writeString(dir.resolve("churn.yaml"), ChurnGenerator.spec("churn.csv"));
    DatasourceSpec spec = DatasourceSpec.load(dir.resolve("churn.yaml"));
    Dataset<Row> raw = new DatasourceReader(spark).read(spec.input(), spec.format());
    Dataset<Row> train =
        raw.withColumn(
                LabelColumn.VALUE, LabelColumn.value(spec.label(), Task.BINARY, List.of("0", "1")))
            .where(col(LabelColumn.VALUE).isNotNull())
            // Two partitions, as the demo's input has on two cores: the driver adds the tasks'
            // partial sums in the order they finish, and only two (each added to zero) give the
            // same double in any order; with three, Pipeline.fit itself differs from run to run.
            .repartition(2)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<PipelineStage> stages = new ArrayList<>(FeaturePipeline.stages(spec));
      stages.add(ModelTrainer.estimator(Algorithm.LOGISTIC, spec.seed()));
      PipelineModel expected =
          new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(train);
      PipelineModel actual = PipelineFit.fit(stages, train);

      assertEquals(expected.stages().length, actual.stages().length);
      for (int i = 0; i < expected.stages().length; i++) {
        assertEquals(expected.stages()[i].getClass(), actual.stages()[i].getClass());
      }
      int last = expected.stages().length - 1;
      LogisticRegressionModel lrExpected = (LogisticRegressionModel) expected.stages()[last];
      LogisticRegressionModel lrActual = (LogisticRegressionModel) actual.stages()[last];
      assertArrayEquals(
          lrExpected.coefficients().toArray(), lrActual.coefficients().toArray(), 0.0);
      assertEquals(lrExpected.intercept(), lrActual.intercept(), 0.0);
      assertArrayEquals(
          ((StandardScalerModel) expected.stages()[last - 1]).std().toArray(),
          ((StandardScalerModel) actual.stages()[last - 1]).std().toArray(),
          0.0);
      assertArrayEquals(idf(expected).idf().toArray(), idf(actual).idf().toArray(), 0.0);
      assertEquals(probabilities(expected, train), probabilities(actual, train));
    } finally {
      train.unpersist();
    }
  }

  private static IDFModel idf(PipelineModel model) {
    return (IDFModel)
        List.of(model.stages()).stream().filter(IDFModel.class::isInstance).findFirst().get();
  }

  private static List<Row> probabilities(PipelineModel model, Dataset<Row> rows) {
    return model
        .transform(rows)
        .select(col("customer_id"), col("probability"), col("prediction"))
        .orderBy("customer_id")
        .collectAsList();
  }
}
