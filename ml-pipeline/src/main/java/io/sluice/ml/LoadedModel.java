package io.sluice.ml;

import org.apache.spark.ml.PipelineModel;

/**
 * A registry version read back: the fitted pipeline, its record and the spec it was trained from.
 */
public record LoadedModel(
    PipelineModel model, ModelInfo info, DatasourceSpec spec, String location) {}
