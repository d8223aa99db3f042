package io.sluice.ml;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The two ways {@code io.sluice.bench.ChurnChainFloor} trains and scores the churn data in one
 * session. In this package (in the bench module only) for the trainer's package-private stages and
 * label column, so that the bare pass builds exactly the model the trainer builds.
 */
public final class ChainFloorRuns {

  private ChainFloorRuns() {}

  /**
   * What the demo's train-churn and predict-churn steps do, minus the registry: {@link
   * ModelTrainer#train} (read, checks, fit, evaluation, rejected rows), then {@link
   * BatchPredictor}'s predictions of every input row written as Parquet to {@code output}.
   *
   * @return the fitted logistic stage's coefficients, to check both ways fit the same model
   */
  public static String trainThenPredict(SparkSession spark, DatasourceSpec spec, String output) {
    TrainedModel trained =
        new ModelTrainer(spark).train(spec, TrainingOptions.of(Algorithm.LOGISTIC));
    try {
      LoadedModel loaded = new LoadedModel(trained.model(), trained.info(), spec, null);
      Dataset<Row> rows = new DatasourceReader(spark).read(spec.input(), spec.format());
      new BatchPredictor(spark)
          .predictions(loaded, rows, spec.idColumn().orElseThrow(), spec.input())
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(output);
      return lastStage(trained.model());
    } finally {
      trained.release();
    }
  }

  /**
   * The least the same model and predictions need: the CSV read and parsed once and cached, the
   * pipeline fitted on its training rows (as the trainer fits it), every row scored from the cache
   * and written. No checks, no evaluation, no rejected rows, no second read.
   */
  public static String onePass(SparkSession spark, DatasourceSpec spec, String output) {
    Dataset<Row> raw = new DatasourceReader(spark).read(spec.input(), spec.format());
    Dataset<Row> rows =
        raw.withColumn("split__train", ModelTrainer.inTrainingSplit(raw, spec))
            .withColumn(
                LabelColumn.VALUE, LabelColumn.value(spec.label(), Task.BINARY, List.of("0", "1")))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<PipelineStage> stages = new ArrayList<>(FeaturePipeline.stages(spec));
      stages.add(ModelTrainer.estimator(Algorithm.LOGISTIC, spec.seed()));
      Column labelled = col(LabelColumn.VALUE).isNotNull();
      PipelineModel model = PipelineFit.fit(stages, rows.where(labelled.and(col("split__train"))));
      LoadedModel loaded =
          new LoadedModel(
              model,
              ModelInfo.unregistered("logistic", "binary", spec.label(), List.of("0", "1")),
              spec,
              null);
      new BatchPredictor(spark)
          .predictions(loaded, rows, spec.idColumn().orElseThrow(), spec.input())
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(output);
      return lastStage(model);
    } finally {
      rows.unpersist();
    }
  }

  private static String lastStage(PipelineModel model) {
    var lr =
        (org.apache.spark.ml.classification.LogisticRegressionModel)
            model.stages()[model.stages().length - 1];
    return lr.coefficients().toString() + " " + lr.intercept();
  }
}
