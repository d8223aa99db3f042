package io.sluice.testing;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Runs jobs the way {@code sluice run} does ({@link JobRunner}: parameters checked, accounting
 * verified), on Hadoop's local job runner or the shared Spark session, with the storage settings of
 * every fixture running at that moment: the class's {@link MiniDfs}, the test's {@link S3Bucket}.
 *
 * <p><b>Scope: a stateless handle</b>; the one a {@code @BeforeAll} method gets works in every test
 * of the class, and always uses the fixtures running when {@code run} is called.
 */
public final class Sluice {

  private final JobRegistry registry;

  Sluice(JobRegistry registry) {
    this.registry = registry;
  }

  /** A handle whose registry is {@code JobRegistry.load()} of the thread's context class loader. */
  static Sluice withContextClassLoaderJobs() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return new Sluice(JobRegistry.load(loader != null ? loader : Sluice.class.getClassLoader()));
  }

  /**
   * Runs a job to completion and returns its summary, whose counts add up (read = accepted +
   * rejected; otherwise JobRunner throws). A failed job's exception is thrown unchanged.
   *
   * @param parameters the job's parameters by name, without {@code --}, as on the command line
   */
  public RunSummary run(Job job, Engine engine, Map<String, String> parameters) {
    return new JobRunner(registry)
        .run(job, engine, JobParameters.of(job, parameters), engineContext(engine));
  }

  /** Runs the registered job of that name; see {@link #run(Job, Engine, Map)}. */
  public RunSummary run(String jobName, Engine engine, Map<String, String> parameters) {
    return run(registry.find(jobName), engine, parameters);
  }

  /** The jobs this handle finds by name. */
  public JobRegistry registry() {
    return registry;
  }

  /** The shared Spark session (started if it is not running). */
  public SparkSession spark() {
    return SharedSpark.session();
  }

  /**
   * The Hadoop configuration runs get: Hadoop's local job runner plus the settings of the fixtures
   * running now.
   */
  public Configuration hadoopConf() {
    return ActiveSettings.hadoopConf();
  }

  /**
   * The engine context a run on {@code engine} gets. Spark runs use the shared session; MapReduce
   * runs do not start Spark. Do not close the context: the session outlives it.
   */
  public EngineContext engineContext(Engine engine) {
    if (engine == Engine.SPARK || SharedSpark.isRunning()) {
      return EngineContext.builder()
          .hadoopConf(hadoopConf())
          .sparkSession(SharedSpark.session())
          .build();
    }
    // Only if a MapReduce job asked for Spark: the same settings as the shared session.
    return LocalEngines.builder(hadoopConf()).build();
  }
}
