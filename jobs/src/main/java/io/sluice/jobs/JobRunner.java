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

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final JobRegistry registry;

  public JobRunner(JobRegistry registry) {
    this.registry = registry;
  }

  public RunSummary run(String jobName, Engine engine, Map<String, String> rawParameters, EngineContext context) {
    Job job = registry.find(jobName);
    return run(job, engine, JobParameters.of(job, rawParameters), context);
  }

  public RunSummary run(Job job, Engine engine, JobParameters parameters, EngineContext context) {
    if (!job.engines().contains(engine)) {
      throw new BadInputException("job '" + job.name() + "' does not run on " + engine
          + "; it runs on: " + job.engines());
    }
    LOG.info("running {} on {} with {}", job.name(), engine, parameters);
    long start = System.nanoTime();
    RunSummary.Counts counts = job.run(engine, parameters, context).verified(job.name());
    RunSummary summary = new RunSummary(job.name(), engine, counts, Duration.ofNanos(System.nanoTime() - start));
    return summary;
  }
}
