package io.sluice.runner.pipeline;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts finished Spark tasks and the records they read and wrote, for the periodic progress lines:
 * in all, and per pipeline step for the stages of jobs submitted from a thread that names its step
 * in the local property {@link #STEP}, as steps running beside others do.
 */
final class SparkProgress extends SparkListener {

  /** The Spark local property naming the step whose thread submitted a job. */
  static final String STEP = "sluice.pipeline.step";

  final AtomicLong tasks = new AtomicLong();
  final AtomicLong recordsRead = new AtomicLong();
  final AtomicLong recordsWritten = new AtomicLong();

  private final Map<Integer, String> stageSteps = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong[]> stepCounts = new ConcurrentHashMap<>();

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    Properties properties = submitted.properties();
    String step = properties == null ? null : properties.getProperty(STEP);
    if (step != null) {
      stageSteps.put(submitted.stageInfo().stageId(), step);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted completed) {
    stageSteps.remove(completed.stageInfo().stageId());
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    tasks.incrementAndGet();
    TaskMetrics m = end.taskMetrics();
    long read = m == null ? 0 : m.inputMetrics().recordsRead();
    if (m != null) {
      recordsRead.addAndGet(read);
      recordsWritten.addAndGet(m.outputMetrics().recordsWritten());
    }
    String step = stageSteps.get(end.stageId());
    if (step != null) {
      AtomicLong[] counts = counts(step);
      counts[0].incrementAndGet();
      counts[1].addAndGet(read);
    }
  }

  /** Tasks done and records read by the jobs of {@code step}'s thread (named by {@link #STEP}). */
  long[] ofStep(String step) {
    AtomicLong[] counts = counts(step);
    return new long[] {counts[0].get(), counts[1].get()};
  }

  private AtomicLong[] counts(String step) {
    return stepCounts.computeIfAbsent(
        step, s -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
  }
}
