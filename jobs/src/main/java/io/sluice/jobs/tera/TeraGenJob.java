package io.sluice.jobs.tera;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.StagedOutput;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Generates Tera data, the same rows Hadoop's TeraGen writes for the same row count (byte for byte,
 * in part-file order, whatever the number of partitions). Every generated row counts as read and
 * accepted.
 */
public final class TeraGenJob implements Job {

  static final String ROWS = "rows";

  @Override
  public String name() {
    return "teragen";
  }

  @Override
  public String description() {
    return "Generate Tera sort benchmark data (100-byte records, as Hadoop's TeraGen writes them)";
  }

  @Override
  public List<JobParameter> parameters() {
    return List.of(
        JobParameter.required(ROWS, JobParameter.Type.LONG, "Rows (100-byte records) to generate"),
        JobParameter.required(TeraJobs.OUTPUT, JobParameter.Type.LOCATION, "Directory to write part-* files into"),
        TeraJobs.partitions("Output files, generated in parallel (map tasks or Spark partitions)"),
        TeraJobs.overwrite());
  }

  @Override
  public Set<Engine> engines() {
    return EnumSet.of(Engine.SPARK, Engine.MAPREDUCE);
  }

  @Override
  public RunSummary.Counts run(Engine engine, JobParameters params, EngineContext context) {
    long rows = params.longValue(ROWS);
    if (rows < 0) {
      throw new BadInputException("--" + ROWS + " must not be negative, got " + rows);
    }
    int partitions = TeraJobs.partitions(params);
    Configuration conf = context.hadoopConf();
    StagedOutput output = StagedOutput.prepare(params.location(TeraJobs.OUTPUT), params.flag(TeraJobs.OVERWRITE), conf);
    try {
      long written = switch (engine) {
        case MAPREDUCE -> TeraGenMapReduce.run(conf, rows, partitions, output.stagingPath());
        case SPARK -> TeraGenSpark.run(context.spark(), rows, partitions, output.stagingPath());
      };
      TeraJobs.requireAllWritten(name(), rows, written);
      output.commit();
      return new RunSummary.Counts(rows, rows, 0, written, 0, output.committedBytes());
    } catch (RuntimeException e) {
      output.abort();
      throw e;
    }
  }
}
