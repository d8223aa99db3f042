package io.sluice.jobs;

import io.sluice.storage.StorageUri;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One run of a {@link SluiceJob}, as its logic sees it: the engine, the checked parameters, the
 * Hadoop configuration, the Spark session (started on first use), and where to write: the staging
 * {@link #output()} that the job base commits on success and removes on failure.
 */
public final class JobRun {

  private final SluiceJob job;
  private final Engine engine;
  private final JobParameters parameters;
  private final EngineContext context;
  private final Configuration conf;
  private final StagedOutput output;

  JobRun(
      SluiceJob job,
      Engine engine,
      JobParameters parameters,
      EngineContext context,
      Configuration conf,
      StagedOutput output) {
    this.job = job;
    this.engine = engine;
    this.parameters = parameters;
    this.context = context;
    this.conf = conf;
    this.output = output;
  }

  JobRun withOutput(StagedOutput staged) {
    return new JobRun(job, engine, parameters, context, conf, staged);
  }

  /** The job's name, e.g. for MapReduce job names and Spark app descriptions. */
  public String jobName() {
    return job.name();
  }

  public Engine engine() {
    return engine;
  }

  public JobParameters parameters() {
    return parameters;
  }

  /**
   * The run's Hadoop configuration: the engine context's, one instance for the whole run, so a job
   * may adjust it before submitting MapReduce work.
   */
  public Configuration conf() {
    return conf;
  }

  /** The Spark session, started on first use (MapReduce runs never start Spark). */
  public SparkSession spark() {
    return context.spark();
  }

  /**
   * The SparkContext alone, for logic on RDDs: Spark SQL's session state is not built for it (see
   * {@link EngineContext#sparkContext}).
   */
  public SparkContext sparkContext() {
    return context.sparkContext();
  }

  /**
   * The shuffle partitions Spark SQL would plan this run with, known without building Spark SQL's
   * session state (see {@link EngineContext#sqlShufflePartitions}).
   */
  public int sqlShufflePartitions() {
    return context.sqlShufflePartitions();
  }

  /** A location parameter, parsed. */
  public StorageUri location(String parameter) {
    return parameters.location(parameter);
  }

  /**
   * The visible data files under an input parameter (recursively, skipping names starting with '_'
   * or '.'), sorted.
   *
   * @throws BadInputException when there are none
   */
  public List<Path> inputFiles(String parameter) {
    return InputFiles.require(parameter, parameters.location(parameter), conf);
  }

  /**
   * Where the engine writes the output: a staging directory that does not exist yet (on S3 the
   * destination itself, written through the S3A committer).
   *
   * @throws IllegalStateException when the job declares no output parameter
   */
  public Path output() {
    return requireOutput().stagingPath();
  }

  /** Where rejected records go: {@code _rejected/} inside the staged output. */
  public Path rejectedOutput() {
    return new Path(output(), RejectedRecord.DIRECTORY);
  }

  /** The output location as the user named it, for log lines. */
  public String outputName() {
    return requireOutput().target().original();
  }

  private StagedOutput requireOutput() {
    if (output == null) {
      throw new IllegalStateException(
          "job '"
              + job.name()
              + "' declares no output parameter (JobParameter.output) or asked for it before the run");
    }
    return output;
  }
}
