package io.sluice.jobs;

import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a registered job by name: checks the request, times the run, checks the accounting. The
 * caller prints the summary line where its user looks (stdout for the CLI and the cluster mains).
 */
public final class JobRunner {

  // Looked up when it logs: the command line builds this class's objects for every --help and
  // --version, which then need not start log4j (docs/BENCHMARKS.md, "Start-up").
  private static Logger log() {
    return LoggerFactory.getLogger(JobRunner.class);
  }

  private final JobRegistry registry;

  public JobRunner(JobRegistry registry) {
    this.registry = registry;
  }

  public RunSummary run(
      String jobName, Engine engine, Map<String, String> rawParameters, EngineContext context) {
    Job job = registry.find(jobName);
    return run(job, engine, JobParameters.of(job, rawParameters), context);
  }

  public RunSummary run(Job job, Engine engine, JobParameters parameters, EngineContext context) {
    if (!job.engines().contains(engine)) {
      throw new BadInputException(
          "job '" + job.name() + "' does not run on " + engine + "; it runs on: " + job.engines());
    }
    log().info("running {} on {} with {}", job.name(), engine, parameters);
    long start = System.nanoTime();
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    ClassLoader jobLoader = job.getClass().getClassLoader();
    // A job from a user's jar runs with its loader as the context loader: Spark (codegen, the
    // executors
    // of local mode, deserialisation) and Hadoop (Configuration, the local job runner) find its
    // classes.
    boolean narrow = jobLoader != before && descendsFrom(jobLoader, before);
    if (narrow) {
      thread.setContextClassLoader(jobLoader);
    }
    try {
      RunSummary.Counts counts = job.run(engine, parameters, context).verified(job.name());
      return new RunSummary(
          job.name(), engine, counts, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      if (narrow) {
        thread.setContextClassLoader(before);
      }
    }
  }

  /**
   * Whether {@code loader} is {@code ancestor} or has it among its parents (a null ancestor: any
   * loader).
   */
  static boolean descendsFrom(ClassLoader loader, ClassLoader ancestor) {
    if (loader == null) {
      return false;
    }
    if (ancestor == null) {
      return true;
    }
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l == ancestor) {
        return true;
      }
    }
    return false;
  }
}
