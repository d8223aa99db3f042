package io.sluice.jobs.spark;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.EntryPointArgs;
import io.sluice.jobs.RunSummary;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point for {@code spark-submit}: the session (master, deploy mode, resources) comes from
 * spark-submit, the job and its parameters from the arguments.
 *
 * <pre>
 * spark-submit --class io.sluice.jobs.spark.SparkJobMain sluice-jobs-app.jar wordcount --input IN --output OUT
 * </pre>
 */
public final class SparkJobMain {

  private SparkJobMain() {}

  public static void main(String[] args) {
    EntryPointArgs call = EntryPointArgs.parse("SparkJobMain", args);
    SparkSession.Builder builder = SparkSession.builder();
    // spark-submit's --name (spark.app.name) wins; without one spark-submit names the application
    // after this class, and the job's name says more.
    String given = new SparkConf().get("spark.app.name", SparkJobMain.class.getName());
    if (given.equals(SparkJobMain.class.getName())) {
      builder.appName("sluice " + call.job().name());
    }
    SparkSession spark = builder.getOrCreate();
    try (EngineContext context = EngineContext.of(spark)) {
      RunSummary summary = call.run(Engine.SPARK, context);
      // stdout, so a driver log or a calling script can pick the figures up.
      System.out.println(summary.toLine());
    } finally {
      spark.stop();
    }
  }
}
