package io.sluice.ml;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits a model's pipeline as {@link Pipeline#fit} does, stage by stage on the same rows, but
 * computes the assembled feature vector once: the stages up to the assembler are fitted, the
 * training rows transformed by them and only the vector and the label cached, and the last stages
 * (the scaler and the estimator, which read nothing else) fitted on that cache.
 *
 * <p>{@link Pipeline#fit} hands each estimator the previous stages' output as a plan, so every pass
 * of a later estimator runs every earlier stage again from the input rows: the scaler's fit, then
 * logistic regression's summary and its instance blocks, each cast, indexed, encoded, tokenized,
 * hashed and assembled all 400,000 training rows again at scale 100 of the demo, about a third of
 * train-churn's CPU each. The cached rows are the same rows in the same partitions and order, so
 * every stage is fitted on exactly what it saw before: the same model.
 */
final class PipelineFit {

  private PipelineFit() {}

  /**
   * Fits a trainer's stages: {@link FeaturePipeline#stages}, whose last is the scaler, then the
   * estimator; those two read only the assembled vector and the label.
   */
  static PipelineModel fit(List<PipelineStage> stages, Dataset<Row> train) {
    int tailFrom = stages.size() - 2;
    String[] tailColumns = {FeaturePipeline.ASSEMBLED, LabelColumn.VALUE};
    PipelineModel head =
        new Pipeline()
            .setStages(stages.subList(0, tailFrom).toArray(PipelineStage[]::new))
            .fit(train);
    Dataset<Row> assembled =
        head.transform(train)
            .select(
                Arrays.stream(tailColumns)
                    .map(c -> col(FeaturePipeline.quote(c)))
                    .toArray(Column[]::new))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      PipelineModel tail =
          new Pipeline()
              .setStages(stages.subList(tailFrom, stages.size()).toArray(PipelineStage[]::new))
              .fit(assembled);
      List<Transformer> fitted = new ArrayList<>(Arrays.asList(head.stages()));
      fitted.addAll(Arrays.asList(tail.stages()));
      // A pipeline of fitted transformers only: fit checks the schema and touches no rows.
      return new Pipeline().setStages(fitted.toArray(PipelineStage[]::new)).fit(train);
    } finally {
      assembled.unpersist();
    }
  }
}
