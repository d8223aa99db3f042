package io.sluice.jobs.mapreduce;

import io.sluice.jobs.SluiceJobException;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submits a MapReduce job, logs its progress while it runs, and reads its counters. */
public final class MapReduceSubmission {

  private static final Logger LOG = LoggerFactory.getLogger(MapReduceSubmission.class);

  /**
   * The first look at the job comes this soon after submitting, each later one twice as late, up to
   * {@link #MAX_POLL_MILLIS}: a job of the local runner on a small input is done in a second or
   * two, and the fixed 1 s poll this replaces added half a second to each run on average.
   */
  private static final long FIRST_POLL_MILLIS = 20;

  /** A look at a long job every quarter second: one status call (an RPC on YARN) each. */
  private static final long MAX_POLL_MILLIS = 250;

  private MapReduceSubmission() {}

  /** Runs the job to completion; fails with the job's own diagnostics if it did not succeed. */
  public static Counters runToCompletion(Job job) {
    try {
      job.submit();
      LOG.info("submitted {} as {}", job.getJobName(), job.getJobID());
      String last = "";
      long pollMillis = FIRST_POLL_MILLIS;
      while (!job.isComplete()) {
        String now =
            String.format(
                Locale.ROOT,
                "map %3.0f%% reduce %3.0f%%",
                job.mapProgress() * 100,
                job.reduceProgress() * 100);
        if (!now.equals(last)) {
          LOG.info("{} {}", job.getJobID(), now);
          last = now;
        }
        Thread.sleep(pollMillis);
        pollMillis = Math.min(MAX_POLL_MILLIS, pollMillis * 2);
      }
      if (!job.isSuccessful()) {
        throw new SluiceJobException(
            "MapReduce job "
                + job.getJobID()
                + " ("
                + job.getJobName()
                + ") "
                + job.getStatus().getState()
                + ": "
                + job.getStatus().getFailureInfo());
      }
      return job.getCounters();
    } catch (IOException e) {
      throw new SluiceJobException(
          "MapReduce job " + job.getJobName() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceJobException("interrupted while waiting for " + job.getJobName(), e);
    } catch (ClassNotFoundException e) {
      throw new SluiceJobException("MapReduce job class missing: " + e.getMessage(), e);
    }
  }

  public static long count(Counters counters, RecordCounter counter) {
    return counters.findCounter(counter).getValue();
  }

  public static long reduceOutputRecords(Counters counters) {
    return counters.findCounter(TaskCounter.REDUCE_OUTPUT_RECORDS).getValue();
  }
}
