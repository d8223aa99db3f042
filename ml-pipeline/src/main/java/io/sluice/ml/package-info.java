/**
 * Spark MLlib pipelines on job outputs: datasource specs, training, evaluation, a model registry
 * and batch prediction. The module exists so the build's layout and dependency direction are fixed
 * from the start; its contents arrive with the ML pipeline issue.
 */
package io.sluice.ml;
