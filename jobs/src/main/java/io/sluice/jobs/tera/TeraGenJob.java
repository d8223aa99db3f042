package io.sluice.jobs.tera;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJob;

/**
 * Generates Tera data, the same rows Hadoop's TeraGen writes for the same row count (byte for byte,
 * in part-file order, whatever the number of partitions). Every generated row counts as read and
 * accepted.
 */
public final class TeraGenJob extends SluiceJob {

  static final String ROWS = "rows";

  public TeraGenJob() {
    super(
        "teragen",
        "Generate Tera sort benchmark data (100-byte records, as Hadoop's TeraGen writes them)",
        JobParameter.required(ROWS, JobParameter.Type.LONG, "Rows (100-byte records) to generate")
            .atLeast(0),
        JobParameter.output("Directory to write part-* files into"),
        TeraJobs.partitions("Output files, generated in parallel (map tasks or Spark partitions)"),
        JobParameter.overwrite());
  }

  @Override
  protected RecordCounts execute(JobRun run) {
    long rows = run.parameters().longValue(ROWS);
    int partitions = run.parameters().intValue(TeraJobs.PARTITIONS);
    long written =
        switch (run.engine()) {
          case MAPREDUCE -> TeraGenMapReduce.run(run.conf(), rows, partitions, run.output());
          case SPARK -> TeraGenSpark.run(run.spark(), rows, partitions, run.output());
        };
    TeraJobs.requireAllWritten(name(), rows, written);
    return RecordCounts.allAccepted(rows, written);
  }
}
