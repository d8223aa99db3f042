package io.sluice.jobs.spark;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
import java.util.Arrays;
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
    if (args.length == 0) {
      throw new BadInputException("usage: SparkJobMain JOB [--name value ...]");
    }
    // The context loader holds the application jar and --jars (spark-submit) / -libjars (hadoop
    // jar):
    // jobs from users' jars are found there.
    JobRegistry registry = JobRegistry.loadFromContext();
    Job job = registry.find(args[0]);
    JobParameters parameters =
        JobParameters.parseArgs(job, Arrays.copyOfRange(args, 1, args.length));
    SparkSession spark = SparkSession.builder().appName("sluice " + job.name()).getOrCreate();
    try (EngineContext context = EngineContext.of(spark)) {
      RunSummary summary = new JobRunner(registry).run(job, Engine.SPARK, parameters, context);
      // stdout, so a driver log or a calling script can pick the figures up.
      System.out.println(summary.toLine());
    } finally {
      spark.stop();
    }
  }
}
