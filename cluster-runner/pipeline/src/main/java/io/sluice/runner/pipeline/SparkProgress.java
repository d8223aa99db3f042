package io.sluice.runner.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts finished Spark tasks and the records they read and wrote, for the periodic progress lines.
 */
final class SparkProgress extends SparkListener {

  final AtomicLong tasks = new AtomicLong();
  final AtomicLong recordsRead = new AtomicLong();
  final AtomicLong recordsWritten = new AtomicLong();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    tasks.incrementAndGet();
    TaskMetrics m = end.taskMetrics();
    if (m != null) {
      recordsRead.addAndGet(m.inputMetrics().recordsRead());
      recordsWritten.addAndGet(m.outputMetrics().recordsWritten());
    }
  }
}
