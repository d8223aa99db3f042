package io.sluice.ml;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted pipeline with what the registry stores beside it.
 *
 * @param rejected the input rows left out of training with a {@code reason} column, cached until
 *     {@link #release()}; null when none
 */
public record TrainedModel(
    PipelineModel model,
    ModelInfo info,
    DatasourceSpec spec,
    EvaluationReport testReport,
    Dataset<Row> rejected) {

  /** Frees the cached rejected rows once the model is registered (or not kept). */
  public void release() {
    if (rejected != null) {
      rejected.unpersist();
    }
  }
}
