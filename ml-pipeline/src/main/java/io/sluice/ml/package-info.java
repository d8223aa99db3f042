/**
 * Spark MLlib pipelines on job outputs, the Amazon Machine Learning workflow without a console: a
 * {@link io.sluice.ml.DatasourceSpec} names the data and its features, {@link
 * io.sluice.ml.DatasourceDescriber} summarises it, {@link io.sluice.ml.ModelTrainer} fits a
 * pipeline, {@link io.sluice.ml.ModelRegistry} keeps immutable numbered versions on any Hadoop file
 * system, {@link io.sluice.ml.ModelEvaluator} measures a version and {@link
 * io.sluice.ml.BatchPredictor} scores new data.
 */
package io.sluice.ml;
