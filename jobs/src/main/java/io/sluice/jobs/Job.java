package io.sluice.jobs;

import java.util.List;
import java.util.Set;

/**
 * A batch job: a name, what it does, its typed parameters and the engines it runs on.
 *
 * <p>Implementations are registered with {@link java.util.ServiceLoader} in {@code
 * META-INF/services/io.sluice.jobs.Job}, have a public no-argument constructor and hold no state
 * between runs.
 */
public interface Job {

  /** The name used on the command line, e.g. {@code wordcount}. */
  String name();

  /** One sentence for {@code sluice jobs}. */
  String description();

  List<JobParameter> parameters();

  Set<Engine> engines();

  /**
   * Runs the job to completion on one engine. The returned summary carries the record accounting;
   * the caller measures wall time and checks that the counts add up.
   *
   * @throws BadInputException when the input or parameters are unusable (nothing was written)
   * @throws SluiceJobException when the engine failed the job (no output was committed)
   */
  RunSummary.Counts run(Engine engine, JobParameters parameters, EngineContext context);
}
