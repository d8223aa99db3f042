package io.sluice.jobs;

import java.util.Arrays;

/**
 * The arguments of an engine's entry point ({@code spark-submit}, {@code hadoop jar}): {@code JOB
 * [--name value ...]}, resolved against the jobs the context class loader holds.
 */
public record EntryPointArgs(JobRegistry registry, Job job, JobParameters parameters) {

  /**
   * @param mainClass the entry point's simple name, for the usage message
   * @throws BadInputException without a job name, or when the job or its parameters are wrong
   */
  public static EntryPointArgs parse(String mainClass, String[] args) {
    if (args.length == 0) {
      throw new BadInputException("usage: " + mainClass + " JOB [--name value ...]");
    }
    // The context loader holds the application jar and --jars (spark-submit) / -libjars (hadoop
    // jar): jobs from users' jars are found there.
    JobRegistry registry = JobRegistry.loadFromContext();
    Job job = registry.find(args[0]);
    return new EntryPointArgs(
        registry, job, JobParameters.parseArgs(job, Arrays.copyOfRange(args, 1, args.length)));
  }

  /** Runs the job on {@code engine} to completion. */
  public RunSummary run(Engine engine, EngineContext context) {
    return new JobRunner(registry).run(job, engine, parameters, context);
  }
}
