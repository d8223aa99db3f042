package io.sluice.runner.pipeline;

import io.sluice.concurrent.DaemonThreads;
import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRegistry;
import io.sluice.kv.KvLoadRequest;
import io.sluice.ml.Algorithm;
import io.sluice.ml.ModelRef;
import io.sluice.warehouse.InputFormat;
import io.sluice.warehouse.LoadMode;
import io.sluice.warehouse.TableName;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the steps of a pipeline with the same library calls the single commands make ({@code sluice
 * run}, {@code sluice ml train/predict}, {@code sluice load warehouse/kv}, {@code sluice sql}): in
 * file order, or several at once as the pipeline's {@code needs} and {@code concurrency} allow.
 * Prints a line when each step starts and ends and, while a step runs, a progress line every {@link
 * #PROGRESS_EVERY}. The first failing step stops the run: no step starts after it, steps already
 * running finish, and its {@link PipelineStepFailedException} is thrown. Each kind of step is
 * carried out by {@link FileUpload}, {@link SparkSteps} or {@link StoreSteps}.
 */
public final class PipelineRunner {

  /** How often a running step reports progress. */
  public static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

  private final JobRegistry registry;
  private final PipelineEnvironment env;
  private final PrintWriter progress;
  private final SparkSteps sparkSteps;
  private final StoreSteps storeSteps;

  public PipelineRunner(JobRegistry registry, PipelineEnvironment env) {
    this.registry = registry;
    this.env = env;
    this.progress = env.progress();
    this.sparkSteps = new SparkSteps(registry);
    this.storeSteps = new StoreSteps(env);
  }

  /**
   * Checks what can be checked without running: jobs exist, options fit, engines and algorithms
   * parse.
   */
  public void check(PipelineDefinition pipeline) {
    for (PipelineStep step : pipeline.steps()) {
      try {
        checkStep(step);
      } catch (BadInputException | IllegalArgumentException e) {
        throw new InvalidPipelineException(
            pipeline.source() + ": step '" + step.name() + "': " + e.getMessage(), e);
      }
    }
  }

  static void checkStep(PipelineStep step, JobRegistry registry) {
    if (step instanceof PipelineStep.Job j) {
      Job job = registry.find(j.job());
      Engine engine = Engine.parse(j.engine());
      if (!job.engines().contains(engine)) {
        throw new BadInputException(
            "job '" + job.name() + "' does not run on " + engine + "; it runs on " + job.engines());
      }
      JobParameters.of(job, j.options());
    } else if (step instanceof PipelineStep.MlTrain t) {
      Algorithm.parse(t.algorithm());
    } else if (step instanceof PipelineStep.MlPredict p) {
      ModelRef.parse(p.model());
    } else if (step instanceof PipelineStep.LoadWarehouse w) {
      LoadMode.parse(w.mode());
      TableName.parse(w.table());
      if (w.format() != null) {
        InputFormat.parse(w.format());
      }
    } else if (step instanceof PipelineStep.LoadKv k) {
      KvLoadRequest.validateTableName(k.table());
    }
  }

  private void checkStep(PipelineStep step) {
    checkStep(step, registry);
  }

  /**
   * Runs {@code steps} (all, or those --from/--only chose) of {@code pipeline}: in file order, or,
   * with a concurrency above 1, each step once the steps it needs are done, up to that many at once
   * ({@link ConcurrentSteps}). A need on a step not chosen counts as met.
   */
  public PipelineReport run(PipelineDefinition pipeline, List<PipelineStep> steps) {
    check(pipeline);
    long started = System.nanoTime();
    int concurrency = Math.min(pipeline.concurrency(), Math.max(1, steps.size()));
    progress.printf(
        Locale.ROOT,
        "pipeline %s [%s]: %d step(s)%s: %s%n",
        pipeline.name(),
        env.target().id(),
        steps.size(),
        concurrency > 1 ? ", up to " + concurrency + " at once" : "",
        String.join(" -> ", steps.stream().map(PipelineStep::name).toList()));
    progress.flush();
    env.warmUpSpark(steps);
    List<StepResult> results;
    if (concurrency == 1) {
      results = new ArrayList<>();
      int i = 0;
      try {
        for (PipelineStep step : steps) {
          results.add(runStep(step, ++i, steps.size(), false));
        }
      } catch (PipelineStepFailedException e) {
        e.completed(results);
        throw e;
      }
    } else {
      results =
          new ConcurrentSteps(steps, pipeline::needsOf, concurrency, env.warehouse())
              .run((step, position) -> runStep(step, position, steps.size(), true));
    }
    return new PipelineReport(
        pipeline.name(), env.target().id(), results, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Runs one step between its start line and its done (or FAILED) line. A Spark step {@code
   * besideOthers} gets an engine context of its own ({@link PipelineEnvironment#engineOfItsOwn}),
   * whose session is its thread's while it runs, and its progress counts only its own Spark jobs.
   */
  private StepResult runStep(PipelineStep step, int i, int total, boolean besideOthers) {
    progress.printf(Locale.ROOT, "[%d/%d] %s (%s) ...%n", i, total, step.name(), step.kind());
    progress.flush();
    long stepStart = System.nanoTime();
    ScheduledExecutorService ticker = heartbeat(step, stepStart, besideOthers);
    StepResult result;
    EngineContext own = null;
    try {
      if (besideOthers && SparkWarmUp.usesSpark(step)) {
        own = env.engineOfItsOwn();
        SparkSession.setActiveSession(own.spark());
        // Names this thread's jobs for the step's own progress counts (SparkProgress).
        own.spark().sparkContext().setLocalProperty(SparkProgress.STEP, step.name());
      }
      result =
          execute(step, own != null ? own : env.engines())
              .withTime(Duration.ofNanos(System.nanoTime() - stepStart));
    } catch (Exception e) {
      // Exception, not RuntimeException: Scala code (Spark) throws checked exceptions undeclared.
      LOG.debug("step {} failed", step.name(), e);
      progress.printf(
          Locale.ROOT,
          "[%d/%d] %s FAILED after %.1fs%n",
          i,
          total,
          step.name(),
          (System.nanoTime() - stepStart) / 1e9);
      progress.flush();
      throw new PipelineStepFailedException(step.name(), step.kind(), e);
    } finally {
      ticker.shutdownNow();
      if (own != null) {
        own.spark().sparkContext().setLocalProperty(SparkProgress.STEP, null);
        SparkSession.clearActiveSession();
        own.close(); // leaves the shared session running
      }
    }
    // One print: a line of another step never lands between the done line and its detail.
    String nl = System.lineSeparator();
    StringBuilder done =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "[%d/%d] %s done: in=%d out=%d rejected=%d%s, %s, %s%s",
                i,
                total,
                step.name(),
                result.in(),
                result.out(),
                result.rejected(),
                result.written() >= 0 ? " written=" + result.written() : "",
                PipelineReport.bytes(result.bytesOut()) + " out",
                PipelineReport.seconds(result.time()),
                nl));
    if (result.detail() != null && !result.detail().isBlank()) {
      done.append("      ").append(result.detail()).append(nl);
    }
    progress.print(done);
    progress.flush();
    return result;
  }

  /**
   * Prints the step's progress line every {@link #PROGRESS_EVERY}; Spark's counts are those of the
   * whole context since the step started or, for a step beside others ({@code ownCounts}), those of
   * its own jobs.
   */
  private ScheduledExecutorService heartbeat(PipelineStep step, long stepStart, boolean ownCounts) {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sluice-pipeline-progress"));
    SparkProgress atStart = sparkSteps.sparkProgress();
    long readAtStart = atStart == null || ownCounts ? 0 : atStart.recordsRead.get();
    long tasksAtStart = atStart == null || ownCounts ? 0 : atStart.tasks.get();
    long every = PROGRESS_EVERY.toMillis();
    ticker.scheduleAtFixedRate(
        () -> {
          // Spark may have started during the step.
          SparkProgress sparkProgress = sparkSteps.sparkProgress();
          String spark = "";
          if (sparkProgress != null) {
            long[] own = ownCounts ? sparkProgress.ofStep(step.name()) : null;
            spark =
                String.format(
                    Locale.ROOT,
                    ", spark tasks done=%d, records read=%d",
                    (own != null ? own[0] : sparkProgress.tasks.get()) - tasksAtStart,
                    (own != null ? own[1] : sparkProgress.recordsRead.get()) - readAtStart);
          }
          progress.printf(
              Locale.ROOT,
              "      %s: running %.0fs%s%n",
              step.name(),
              (System.nanoTime() - stepStart) / 1e9,
              spark);
          progress.flush();
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    return ticker;
  }

  private StepResult execute(PipelineStep step, EngineContext engines) {
    // The step's kind is its type (StepKind.of), so each cast below holds; the switch covers
    // every kind.
    return switch (PipelineStep.StepKind.of(step)) {
      case UPLOAD -> FileUpload.copy((PipelineStep.Upload) step, env.hadoopConf());
      case JOB -> sparkSteps.job((PipelineStep.Job) step, engines);
      case SPARK_SQL -> sparkSteps.sparkSql((PipelineStep.SparkSql) step, engines);
      case ML_TRAIN -> sparkSteps.train((PipelineStep.MlTrain) step, engines);
      case ML_PREDICT -> sparkSteps.predict((PipelineStep.MlPredict) step, engines);
      case LOAD_WAREHOUSE -> storeSteps.loadWarehouse((PipelineStep.LoadWarehouse) step);
      case LOAD_KV -> storeSteps.loadKv((PipelineStep.LoadKv) step);
      case SQL_CHECK -> storeSteps.sqlCheck((PipelineStep.SqlCheck) step);
    };
  }
}
