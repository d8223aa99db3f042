package io.sluice.jobs.mapreduce;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.MapContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.StatusReporter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileRecordReader;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * Hadoop's {@link CombineFileRecordReader} on a copy of its task's configuration. Before it makes
 * each file's reader, Hadoop's reader writes the file's name, start and length into its context's
 * configuration ({@code mapreduce.map.input.file} and the rest), where the file's reader finds them
 * ({@code CombineFileRecordReaderWrapper} asserts them). Spark gives every task of an executor the
 * same configuration object ({@code spark.hadoop.cloneConf} is false by default), so two tasks
 * reading combined splits at once overwrote each other's values. The copy is made once per combined
 * split, not per file; the task's own context still gets progress, status and counters.
 *
 * <p>A MapReduce map task's configuration is its own, and its mapper may read {@code
 * mapreduce.map.input.file} to know the current file (Hadoop's behaviour for combined splits), so
 * when the framework initialises with a mapper's context the values are also written there.
 */
public final class CombinedSplitReader<K, V> extends CombineFileRecordReader<K, V> {

  private static final List<String> CURRENT_FILE =
      List.of(MRJobConfig.MAP_INPUT_FILE, MRJobConfig.MAP_INPUT_START, MRJobConfig.MAP_INPUT_PATH);

  /**
   * A MapReduce mapper's configuration, or null (Spark: shared by the executor's tasks). No
   * initialiser: the super constructor already calls {@link #initNextRecordReader}.
   */
  private Configuration mapperConf;

  /**
   * Reads {@code split}, each of its files through {@code fileReader}'s {@code (CombineFileSplit,
   * TaskAttemptContext, Integer)} constructor, as {@link CombineFileRecordReader} does.
   */
  public CombinedSplitReader(
      InputSplit split, TaskAttemptContext task, Class<? extends RecordReader<K, V>> fileReader)
      throws IOException {
    super((CombineFileSplit) split, onOwnCopy(task), fileReader);
  }

  @Override
  public void initialize(InputSplit split, TaskAttemptContext task)
      throws IOException, InterruptedException {
    // The framework initialises with its context (MapReduce: the mapper's): keep the copy made at
    // construction, where the first file's values already are, and report to the given context.
    super.initialize(split, reportingTo(task, (JobConf) context.getConfiguration()));
    if (task instanceof MapContext<?, ?, ?, ?>) {
      mapperConf = task.getConfiguration();
      showCurrentFileToMapper();
    }
  }

  @Override
  protected boolean initNextRecordReader() throws IOException {
    boolean next = super.initNextRecordReader();
    if (next && mapperConf != null) {
      showCurrentFileToMapper();
    }
    return next;
  }

  private void showCurrentFileToMapper() {
    Configuration own = context.getConfiguration();
    for (String name : CURRENT_FILE) {
      String value = own.get(name);
      if (value != null) { // null only for a split without files
        mapperConf.set(name, value);
      }
    }
  }

  private static TaskAttemptContext onOwnCopy(TaskAttemptContext task) {
    return reportingTo(task, new JobConf(task.getConfiguration()));
  }

  /**
   * A context over {@code conf} (a JobConf, so it is not copied again) reporting to {@code task}.
   */
  private static TaskAttemptContext reportingTo(TaskAttemptContext task, JobConf conf) {
    return new TaskAttemptContextImpl(conf, task.getTaskAttemptID(), new TaskReporter(task));
  }

  /** Hands progress, status and counters on to the task's own context. */
  private static final class TaskReporter extends StatusReporter {
    private final TaskAttemptContext task;

    TaskReporter(TaskAttemptContext task) {
      this.task = task;
    }

    @Override
    public Counter getCounter(Enum<?> name) {
      return task.getCounter(name);
    }

    @Override
    public Counter getCounter(String group, String name) {
      return task.getCounter(group, name);
    }

    @Override
    public void progress() {
      task.progress();
    }

    @Override
    public float getProgress() {
      return task.getProgress();
    }

    @Override
    public void setStatus(String status) {
      task.setStatus(status);
    }
  }
}
