package io.sluice.jobs.spark;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the records Spark's file sources read and its file writers wrote (Spark SQL's, and the
 * Hadoop input and output formats' of RDDs), from the task metrics of successful tasks, while it is
 * open. Lets a job keep its whole pipeline in Spark SQL (code-generated) and still report exact
 * counts, where an accumulator would force a Java function over every row.
 */
public final class TaskRecordCounter extends SparkListener implements AutoCloseable {

  private static final long WAIT_MILLIS = 60_000;

  private final SparkContext spark;
  private final LongAdder read = new LongAdder();
  private final LongAdder written = new LongAdder();
  private boolean closed;

  private TaskRecordCounter(SparkContext spark) {
    this.spark = spark;
  }

  /** Starts counting; close it once the actions to be counted have finished. */
  public static TaskRecordCounter start(SparkSession spark) {
    return start(spark.sparkContext());
  }

  /**
   * Starts counting on a context, e.g. for a job on RDDs; close it as {@link
   * #start(SparkSession)}'s.
   */
  public static TaskRecordCounter start(SparkContext spark) {
    TaskRecordCounter counter = new TaskRecordCounter(spark);
    spark.addSparkListener(counter);
    return counter;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    // Failed and retried attempts report metrics too; only successful attempts count.
    if (taskEnd.reason() == Success$.MODULE$ && taskEnd.taskMetrics() != null) {
      read.add(taskEnd.taskMetrics().inputMetrics().recordsRead());
      written.add(taskEnd.taskMetrics().outputMetrics().recordsWritten());
    }
  }

  /** Records read by file sources; final once closed (listener events arrive asynchronously). */
  public long recordsRead() {
    return read.sum();
  }

  /** Records written by file writers; final once closed. */
  public long recordsWritten() {
    return written.sum();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        // Deliver the events still queued before the counts are read.
        spark.listenerBus().waitUntilEmpty(WAIT_MILLIS);
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Spark's listener bus did not drain in "
                + WAIT_MILLIS
                + " ms; record counts would be incomplete",
            e);
      } finally {
        spark.removeSparkListener(this);
      }
    }
  }
}
