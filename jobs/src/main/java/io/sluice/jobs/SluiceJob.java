package io.sluice.jobs;

import io.sluice.errors.UserError;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of a job: it owns everything around the job's logic, so a job's class holds only its
 * parameters and what it computes.
 *
 * <ol>
 *   <li>{@link #validate} the parameters (no I/O: a typo must not cost a cluster round trip);
 *   <li>check that every {@link JobParameter.Role#INPUT} exists and measure it (bytes in), then
 *       {@link #checkInputs} (e.g. CSV headers);
 *   <li>prepare the {@link JobParameter.Role#OUTPUT}: refuse an existing one without {@code
 *       --overwrite}, give the logic a staging location ({@link JobRun#output()});
 *   <li>{@link #execute} on the engine, sized for the bytes in ({@link EngineContext#sizeFor}),
 *       which returns the {@link RecordCounts};
 *   <li>check that read = accepted + rejected, then commit the output atomically; on any failure
 *       (checked exceptions such as Spark's {@code SparkException} included) remove the staging
 *       location and leave an earlier output untouched.
 * </ol>
 *
 * <p>Failures are mapped once: a {@link UserError} anywhere in the cause chain (a {@link
 * BadInputException} thrown inside a Spark task, say) stays a user error (exit 2); other checked
 * exceptions become a {@link SluiceJobException} naming the job, the engine and the root cause
 * (exit 1).
 */
public abstract class SluiceJob implements Job {

  private final String name;
  private final String description;
  private final List<JobParameter> parameters;

  /**
   * A job declared in one place: its name, its one-sentence description and its parameters, in the
   * order the command line lists them.
   */
  protected SluiceJob(String name, String description, JobParameter... parameters) {
    this.name = name;
    this.description = description;
    this.parameters = List.of(parameters);
  }

  /**
   * For a job that overrides {@link #name()}, {@link #description()} and {@link #parameters()}
   * itself (jobs written before the declaring constructor, generated job skeletons).
   */
  protected SluiceJob() {
    this(null, null);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<JobParameter> parameters() {
    return parameters;
  }

  /** Both engines; a job written for one only overrides this. */
  @Override
  public Set<Engine> engines() {
    return EnumSet.allOf(Engine.class);
  }

  /**
   * Checks parameter values against each other or against formats (a regex that must compile)
   * before any location is touched. Types, ranges and choices were checked already.
   *
   * @throws BadInputException naming the parameter
   */
  protected void validate(JobParameters parameters) {}

  /**
   * Looks into the inputs before the output is prepared, e.g. reads each CSV file's header; every
   * input parameter exists at this point. The run's output is not available yet.
   *
   * @throws BadInputException naming the file and what is wrong
   */
  protected void checkInputs(JobRun run) {}

  /**
   * The job's logic on {@link JobRun#engine()}: writes into {@link JobRun#output()} and returns
   * what it counted.
   *
   * @throws Exception anything; the base aborts the output and maps it to one line
   */
  protected abstract RecordCounts execute(JobRun run) throws Exception;

  @Override
  public final RunSummary.Counts run(
      Engine engine, JobParameters parameters, EngineContext context) {
    validate(parameters);
    Configuration conf = context.hadoopConf();
    long bytesIn = 0;
    boolean readsInput = false;
    JobParameter outputParameter = null;
    for (JobParameter p : parameters()) {
      if (p.role() == JobParameter.Role.INPUT && parameters.has(p.name())) {
        bytesIn += Locations.requireInput(p.name(), parameters.location(p.name()), conf);
        readsInput = true;
      } else if (p.role() == JobParameter.Role.OUTPUT) {
        outputParameter = p;
      }
    }
    JobRun run = new JobRun(this, engine, parameters, context, conf, null);
    checkInputs(run);
    StagedOutput output =
        outputParameter == null
            ? null
            : StagedOutput.prepare(
                parameters.location(outputParameter.name()),
                parameters.flag(JobParameter.OVERWRITE),
                conf);
    RunSummary.Counts counts;
    // Sized from the measured inputs: a tiny input gets one shuffle partition and no generated
    // code. A job without inputs (a generator) keeps the context's settings.
    EngineContext.SizedRun sized =
        readsInput ? context.sizeFor(engine, bytesIn, conf) : EngineContext.SizedRun.NONE;
    try {
      RecordCounts records = execute(run.withOutput(output));
      // Checked before the commit: output whose records do not add up is never published.
      counts = records.withBytes(name(), bytesIn, 0);
      if (output != null) {
        output.commit();
      }
    } catch (Throwable failure) {
      if (output != null) {
        output.abort();
      }
      throw mapFailure(engine, failure);
    } finally {
      sized.close();
    }
    if (counts.rejected() > 0 && output != null) {
      // Looked up here, not in a static field: every job is a SluiceJob, and the registry
      // instantiates them all for `sluice jobs` and --help, which then need not start logging.
      Logger log = LoggerFactory.getLogger(SluiceJob.class);
      log.warn(
          "{} records were rejected; see {}/{}/",
          counts.rejected(),
          output.target().original(),
          RejectedRecord.DIRECTORY);
    }
    return output == null
        ? counts
        : new RunSummary.Counts(
            counts.read(),
            counts.accepted(),
            counts.rejected(),
            counts.written(),
            bytesIn,
            output.committedBytes());
  }

  /** The one place a job's failure becomes a user error (exit 2) or a job failure (exit 1). */
  private RuntimeException mapFailure(Engine engine, Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof SluiceJobException known) {
      return known;
    }
    UserError user = UserError.find(failure);
    if (user instanceof RuntimeException userFailure) {
      return userFailure;
    }
    if (user != null) {
      return new BadInputException(user.getMessage(), failure);
    }
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    return EngineFailure.of(name(), engine, (Exception) failure);
  }
}
