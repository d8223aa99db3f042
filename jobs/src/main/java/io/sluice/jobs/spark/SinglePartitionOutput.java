package io.sluice.jobs.spark;

import io.sluice.jobs.JobRun;
import org.apache.spark.sql.SparkSession;

/**
 * When a job's sorted output can skip its range-partitioning shuffle: one output partition is asked
 * for (the default {@code --reducers 1}) and the session shuffles into one partition anyway (an
 * input under 64 MiB, as {@link io.sluice.jobs.InputSizing} sizes it). The last stage then already
 * runs as one task, which sorts its rows; a range partitioning into one partition would only move
 * them through another shuffle and stage. With more shuffle partitions, merging them into one task
 * would take away the parallelism of the stage before (a join, a sum), so those keep the range
 * partitioning.
 */
public final class SinglePartitionOutput {

  private SinglePartitionOutput() {}

  /** Whether {@code outputPartitions} sorted partitions can come from one task, not a shuffle. */
  public static boolean applies(SparkSession spark, int outputPartitions) {
    return outputPartitions == 1 && spark.sessionState().conf().numShufflePartitions() == 1;
  }

  /**
   * The same for a run, known without building Spark SQL's session state ({@link
   * JobRun#sqlShufflePartitions}), so a job may then take a path on RDDs alone.
   */
  public static boolean applies(JobRun run, int outputPartitions) {
    return outputPartitions == 1 && run.sqlShufflePartitions() == 1;
  }
}
