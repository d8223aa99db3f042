package io.sluice.runner.pipeline;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Spark session, and runs one small query, on a background thread while the steps before
 * the first Spark step (uploads, loads) run. Starting Spark and compiling its first plans takes
 * seconds that would otherwise be added to the first Spark step. A failure here is only logged: the
 * step that needs Spark starts it again and reports the error.
 */
final class SparkWarmUp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SparkWarmUp.class);

  private final Thread thread;

  private SparkWarmUp(Thread thread) {
    this.thread = thread;
  }

  /**
   * Starts a warm-up when a step needs Spark but the first step does not; otherwise does nothing.
   */
  static SparkWarmUp startIfUseful(List<PipelineStep> steps, EngineContext engines) {
    if (steps.isEmpty()
        || usesSpark(steps.get(0))
        || steps.stream().noneMatch(SparkWarmUp::usesSpark)) {
      return new SparkWarmUp(null);
    }
    Thread t = new Thread(() -> warmUp(engines), "sluice-spark-warm-up");
    t.setDaemon(true);
    t.start();
    return new SparkWarmUp(t);
  }

  static boolean usesSpark(PipelineStep step) {
    if (step instanceof PipelineStep.Job j) {
      return Engine.parse(j.engine()) == Engine.SPARK;
    }
    return step instanceof PipelineStep.SparkSql
        || step instanceof PipelineStep.MlTrain
        || step instanceof PipelineStep.MlPredict;
  }

  private static void warmUp(EngineContext engines) {
    try {
      long started = System.nanoTime();
      SparkSession spark = engines.spark();
      // A shuffle, an aggregate and generated code: the classes every first job loads.
      spark
          .range(0, 1000, 1, 2)
          .selectExpr("id % 7 AS k", "CAST(id AS STRING) AS s")
          .groupBy("k")
          .count()
          .collectAsList();
      LOG.debug("Spark warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      LOG.debug("Spark warm-up failed; the first Spark step will start Spark itself", e);
    }
  }

  /** Waits for the warm-up, so no session is started after the pipeline's environment closed. */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
