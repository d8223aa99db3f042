package io.sluice.jobs.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.join.JoinInputFormat;
import io.sluice.jobs.spark.TextSourceInputFormat;
import io.sluice.jobs.tera.CombinedTeraInputFormat;
import io.sluice.jobs.tera.TeraRangesInputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.MapContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.StatusReporter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.task.MapContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two tasks reading combined splits through one task configuration, as Spark's tasks in one
 * executor do ({@code spark.hadoop.cloneConf} is false by default): Hadoop's combined reader writes
 * each file's name, start and length into the configuration before making the file's reader, and
 * {@code CombineFileRecordReaderWrapper} asserts them back. The steps are interleaved in the order
 * two task threads can take, deterministically: each reader must see its own file, and the shared
 * configuration must stay as it was.
 */
class CombinedSplitReaderTest {

  /** Lines of 100 bytes, so the same files are text lines and whole Tera records. */
  private static final int LINE = 100;

  @TempDir static Path dir;

  private static CombineFileSplit first;
  private static CombineFileSplit second;

  @BeforeAll
  static void writeFiles() throws IOException {
    first = split("a", 3);
    second = split("b", 3);
  }

  @ParameterizedTest
  @ValueSource(
      classes = {
        TextSourceInputFormat.class,
        NumberedLineInputFormat.class,
        JoinInputFormat.class,
        CombinedTeraInputFormat.class,
        TeraRangesInputFormat.class
      })
  void twoTasksOnOneConfigurationEachReadTheirOwnFiles(Class<? extends InputFormat<?, ?>> format)
      throws Exception {
    int expectedA = records(newInstance(format), first, context(new JobConf()));
    int expectedB = records(newInstance(format), second, context(new JobConf()));
    JobConf shared = new JobConf();
    TaskAttemptContext taskA = context(shared);
    TaskAttemptContext taskB = context(shared);

    // Task A makes its reader, then task B makes its own before A initialises: Spark's two steps.
    RecordReader<?, ?> a = newInstance(format).createRecordReader(first, taskA);
    RecordReader<?, ?> b = newInstance(format).createRecordReader(second, taskB);
    a.initialize(first, taskA);
    b.initialize(second, taskB);
    // Then they read in turns, each moving on to its next file while the other is mid-file.
    int readA = 0;
    int readB = 0;
    boolean moreA = true;
    boolean moreB = true;
    while (moreA || moreB) {
      if (moreA && (moreA = a.nextKeyValue())) {
        readA++;
      }
      if (moreB && (moreB = b.nextKeyValue())) {
        readB++;
      }
    }
    a.close();
    b.close();

    assertEquals(List.of(expectedA, expectedB), List.of(readA, readB), "records per task");
    assertEquals(3 * 3, expectedA, "records of a split of 3 files");
    assertNull(shared.get(MRJobConfig.MAP_INPUT_FILE), "the tasks' shared configuration changed");
  }

  @Test
  void eachFileReaderSeesItsOwnFileAndReportsToTheTask() throws Exception {
    JobConf shared = new JobConf();
    Counters counters = new Counters();
    TaskAttemptContext task =
        new TaskAttemptContextImpl(shared, new TaskAttemptID(), new CountingReporter(counters));
    TaskAttemptContext other = context(shared);

    RecordReader<?, ?> a = new CombinedSplitReader<>(first, task, FileProbe.class);
    RecordReader<?, ?> b = new CombinedSplitReader<>(second, other, FileProbe.class);
    a.initialize(first, task);
    b.initialize(second, other);
    while (a.nextKeyValue() | b.nextKeyValue()) {
      // each probe checks its file when it is initialised; nothing to read
    }
    a.close();
    b.close();

    assertEquals(3, counters.findCounter(Probe.FILES).getValue(), "files, counted on the task");
    // Each probe reports progress once; Hadoop's reader (3.4) also reports before each file.
    long progress = counters.findCounter(Probe.PROGRESS).getValue();
    assertTrue(progress >= 3, progress + " progress reports");
    assertEquals(0, counters.findCounter(Probe.WRONG_FILE).getValue(), "a file not its own");
    assertNull(shared.get(MRJobConfig.MAP_INPUT_FILE), "the tasks' shared configuration changed");
  }

  @Test
  void aMapReduceMapperSeesTheFileOfTheRecordItIsGiven() throws Exception {
    JobConf task = new JobConf();
    TaskAttemptID id = new TaskAttemptID();
    RecordReader<LongWritable, Text> reader =
        new NumberedLineInputFormat()
            .createRecordReader(first, new TaskAttemptContextImpl(task, id));
    // MapTask initialises the reader with the mapper's context, over the task's configuration.
    MapContext<LongWritable, Text, Object, Object> mapper =
        new MapContextImpl<>(
            task, id, reader, null, null, new CountingReporter(new Counters()), first);
    reader.initialize(first, mapper);
    List<String> files = new ArrayList<>();
    while (mapper.nextKeyValue()) {
      String file = FileLineNumber.sourceOf(mapper.getCurrentKey());
      assertEquals(
          file, mapper.getConfiguration().get(MRJobConfig.MAP_INPUT_FILE), "line of " + file);
      if (!files.contains(file)) {
        files.add(file);
      }
    }
    reader.close();
    assertEquals(3, files.size(), files.toString());
  }

  @Test
  void aSplitWithoutFilesReadsNothing() throws Exception {
    JobConf task = new JobConf();
    TaskAttemptID id = new TaskAttemptID();
    CombineFileSplit empty = new CombineFileSplit(new org.apache.hadoop.fs.Path[0], new long[0]);
    RecordReader<LongWritable, Text> reader =
        new NumberedLineInputFormat()
            .createRecordReader(empty, new TaskAttemptContextImpl(task, id));
    reader.initialize(
        empty,
        new MapContextImpl<>(
            task, id, reader, null, null, new CountingReporter(new Counters()), empty));
    assertFalse(reader.nextKeyValue());
    reader.close();
    assertNull(task.get(MRJobConfig.MAP_INPUT_FILE));
  }

  enum Probe {
    FILES,
    PROGRESS,
    WRONG_FILE
  }

  /** A file reader that checks the file its context names and counts itself on its context. */
  public static final class FileProbe extends RecordReader<Object, Object> {
    private final String file;

    public FileProbe(CombineFileSplit split, TaskAttemptContext context, Integer index) {
      this.file = split.getPath(index).toString();
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {
      boolean own = file.equals(context.getConfiguration().get(MRJobConfig.MAP_INPUT_FILE));
      context.getCounter(own ? Probe.FILES : Probe.WRONG_FILE).increment(1);
      context.progress();
    }

    @Override
    public boolean nextKeyValue() {
      return false;
    }

    @Override
    public Object getCurrentKey() {
      return null;
    }

    @Override
    public Object getCurrentValue() {
      return null;
    }

    @Override
    public float getProgress() {
      return 0;
    }

    @Override
    public void close() {}
  }

  /** A task's reporter (MapReduce's tasks give theirs one), its counters in memory. */
  private static final class CountingReporter extends StatusReporter {
    private final Counters counters;

    CountingReporter(Counters counters) {
      this.counters = counters;
    }

    @Override
    public org.apache.hadoop.mapreduce.Counter getCounter(Enum<?> name) {
      return counters.findCounter(name);
    }

    @Override
    public org.apache.hadoop.mapreduce.Counter getCounter(String group, String name) {
      return counters.findCounter(group, name);
    }

    @Override
    public void progress() {
      counters.findCounter(Probe.PROGRESS).increment(1);
    }

    @Override
    public float getProgress() {
      return 0;
    }

    @Override
    public void setStatus(String status) {}
  }

  private static InputFormat<?, ?> newInstance(Class<? extends InputFormat<?, ?>> format)
      throws ReflectiveOperationException {
    return format.getDeclaredConstructor().newInstance();
  }

  private static TaskAttemptContext context(Configuration conf) {
    return new TaskAttemptContextImpl(conf, new TaskAttemptID());
  }

  private static int records(InputFormat<?, ?> format, InputSplit split, TaskAttemptContext task)
      throws Exception {
    int records = 0;
    try (RecordReader<?, ?> reader = format.createRecordReader(split, task)) {
      reader.initialize(split, task);
      while (reader.nextKeyValue()) {
        records++;
      }
    }
    return records;
  }

  /** A combined split of {@code files} files of three 100-byte lines each. */
  private static CombineFileSplit split(String prefix, int files) throws IOException {
    List<org.apache.hadoop.fs.Path> paths = new ArrayList<>();
    long[] lengths = new long[files];
    for (int i = 0; i < files; i++) {
      StringBuilder text = new StringBuilder();
      for (int line = 0; line < 3; line++) {
        text.append(String.format("%-" + (LINE - 1) + "s\n", prefix + i + " line " + line));
      }
      Path file = Files.writeString(dir.resolve(prefix + i + ".txt"), text, StandardCharsets.UTF_8);
      paths.add(new org.apache.hadoop.fs.Path(file.toUri()));
      lengths[i] = Files.size(file);
    }
    return new CombineFileSplit(paths.toArray(new org.apache.hadoop.fs.Path[0]), lengths);
  }
}
