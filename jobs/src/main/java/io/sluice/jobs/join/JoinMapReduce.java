package io.sluice.jobs.join;

import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.FileLineNumber;
import io.sluice.jobs.mapreduce.MapReduceSubmission;
import io.sluice.jobs.mapreduce.RecordCounter;
import io.sluice.jobs.mapreduce.RejectedOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.partition.InputSampler;
import org.apache.hadoop.mapreduce.lib.partition.TotalOrderPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reduce-side join in two MapReduce jobs.
 *
 * <ol>
 *   <li><b>join</b>: the mapper tags each row with its side ({@link JoinKey}); rows without a key
 *       column go to {@code _rejected/}. Records sort by (key, side) and group by key, so each
 *       reduce call sees the key's left rows first: it buffers them ({@link LeftSideBuffer},
 *       bounded, spilling to local disk) and streams the right rows past them, never holding the
 *       right side. Joined lines go to sequence files as {@link KeyedLine}s.
 *   <li><b>sort</b>: orders the lines by key, then line, across reducers with a {@link
 *       TotalOrderPartitioner} over sampled split points, and writes them as text.
 * </ol>
 *
 * <p>Put the smaller side (per key) on the left: only the left side is buffered.
 */
public final class JoinMapReduce {

  private static final Logger LOG = LoggerFactory.getLogger(JoinMapReduce.class);

  /** Heap a reduce task may use for one key's left rows before spilling them to local disk. */
  public static final String LEFT_BUFFER_BYTES = "sluice.join.left-buffer-bytes";

  public static final long DEFAULT_LEFT_BUFFER_BYTES = 32L << 20;

  static final String DELIMITER_KEY = "sluice.join.delimiter";
  static final String LEFT_KEY_COLUMN = "sluice.join.left.key-column";
  static final String RIGHT_KEY_COLUMN = "sluice.join.right.key-column";
  static final String TYPE_KEY = "sluice.join.type";
  static final String MISSING_RIGHT_KEY = "sluice.join.missing-right-fields";

  /** How the join reducers' left buffers coped. */
  public enum JoinCounter {
    LEFT_RECORDS_SPILLED,
    KEYS_SPILLED,
    /** Each reduce task's largest in-memory left buffer, in bytes, summed over the tasks. */
    LEFT_BUFFER_PEAK_BYTES
  }

  private JoinMapReduce() {}

  /** Keys each row with (join key, side); sets rows without a key column aside. */
  public static class TagMapper extends Mapper<LongWritable, Text, JoinKey, Text> {
    private final JoinKey joinKey = new JoinKey();
    private final Text fields = new Text();
    private final Text rejectedJson = new Text();
    private JoinSide side;
    private char delimiter;
    private int keyColumn;
    private MultipleOutputs<JoinKey, Text> rejected;

    @Override
    protected void setup(Context context) {
      side = ((SideSplit) context.getInputSplit()).side();
      Configuration conf = context.getConfiguration();
      delimiter = conf.get(DELIMITER_KEY).charAt(0);
      keyColumn = conf.getInt(side == JoinSide.LEFT ? LEFT_KEY_COLUMN : RIGHT_KEY_COLUMN, 1);
      rejected = new MultipleOutputs<>(context);
    }

    @Override
    protected void map(LongWritable lineNumber, Text line, Context context)
        throws IOException, InterruptedException {
      context.getCounter(RecordCounter.READ).increment(1);
      String text = line.toString();
      DelimitedRow row = DelimitedRow.parse(text, delimiter, keyColumn);
      if (row == null) {
        RejectedRecord record =
            new RejectedRecord(
                FileLineNumber.sourceOf(lineNumber),
                lineNumber.get(),
                "column " + keyColumn,
                DelimitedRow.tooFewColumns(text, delimiter, side, keyColumn),
                text);
        rejectedJson.set(record.toJson());
        RejectedOutput.write(rejected, rejectedJson);
        context.getCounter(RecordCounter.REJECTED).increment(1);
        return;
      }
      joinKey.set(row.key(), side);
      fields.set(row.fields());
      context.write(joinKey, fields);
      context.getCounter(RecordCounter.ACCEPTED).increment(1);
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      rejected.close();
    }
  }

  /** Buffers a key's left rows, then joins each right row with them as it streams past. */
  public static class JoinReducer extends Reducer<JoinKey, Text, KeyedLine, NullWritable> {
    private final KeyedLine out = new KeyedLine();
    private final Text joinKey = new Text();
    private LeftSideBuffer left;
    private boolean leftOuter;
    private byte[] missingRight;

    @Override
    protected void setup(Context context) {
      Configuration conf = context.getConfiguration();
      left = new LeftSideBuffer(conf.getLong(LEFT_BUFFER_BYTES, DEFAULT_LEFT_BUFFER_BYTES));
      leftOuter = JoinType.valueOf(conf.get(TYPE_KEY)) == JoinType.LEFT_OUTER;
      missingRight = conf.get(MISSING_RIGHT_KEY, "").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void reduce(JoinKey key, Iterable<Text> values, Context context)
        throws IOException, InterruptedException {
      left.clear();
      joinKey.set(key.key());
      boolean matched = false;
      for (Text fields : values) {
        if (key.side() == JoinSide.LEFT) {
          left.add(fields);
          continue;
        }
        if (left.isEmpty()) {
          return; // right rows without left rows join nothing; skip the rest of them
        }
        matched = true;
        left.forEach(
            leftFields -> emit(leftFields, fields.getBytes(), fields.getLength(), context));
      }
      if (!matched && leftOuter) {
        left.forEach(leftFields -> emit(leftFields, missingRight, missingRight.length, context));
      }
    }

    private void emit(Text leftFields, byte[] right, int rightLength, Context context)
        throws IOException, InterruptedException {
      out.set(joinKey, leftFields, right, rightLength);
      context.write(out, NullWritable.get());
    }

    @Override
    public void run(Context context) throws IOException, InterruptedException {
      try {
        super.run(context);
        context.getCounter(JoinCounter.LEFT_RECORDS_SPILLED).increment(left.spilledRecords());
        context.getCounter(JoinCounter.KEYS_SPILLED).increment(left.keysSpilled());
        context.getCounter(JoinCounter.LEFT_BUFFER_PEAK_BYTES).increment(left.peakBytesInMemory());
      } finally {
        if (left != null) {
          left.close();
        }
      }
    }
  }

  /** Writes the ordered lines as text; equal lines (duplicate rows) are written once each. */
  public static class LineWriter extends Reducer<KeyedLine, NullWritable, Text, NullWritable> {
    @Override
    protected void reduce(KeyedLine line, Iterable<NullWritable> copies, Context context)
        throws IOException, InterruptedException {
      for (NullWritable copy : copies) {
        context.write(line.line(), copy);
      }
    }
  }

  /** Runs the join and the sort; {@code output} must not exist yet. */
  public static JoinResult run(Configuration base, JoinSpec spec, Path output) {
    Configuration conf = new Configuration(base);
    // Options were parsed by sluice itself; tells Hadoop not to warn about GenericOptionsParser.
    conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
    JoinInputFormat.setInputs(conf, spec.left(), spec.right());
    conf.set(DELIMITER_KEY, String.valueOf(spec.delimiter()));
    conf.setInt(LEFT_KEY_COLUMN, spec.leftKey());
    conf.setInt(RIGHT_KEY_COLUMN, spec.rightKey());
    conf.set(TYPE_KEY, spec.type().name());
    conf.set(MISSING_RIGHT_KEY, spec.missingRightFields());
    // In a hidden directory beside the output, so a failed run leaves nothing a reader would pick
    // up; the leaf itself must not be hidden, or FileInputFormat refuses to read it.
    Path work = new Path(output.getParent(), "." + output.getName() + ".join-" + UUID.randomUUID());
    Path joined = new Path(work, "joined");
    try {
      Job join = Job.getInstance(conf, "sluice join: " + spec.type());
      join.setJarByClass(JoinMapReduce.class);
      join.setInputFormatClass(JoinInputFormat.class);
      join.setMapperClass(TagMapper.class);
      join.setMapOutputKeyClass(JoinKey.class);
      join.setMapOutputValueClass(Text.class);
      join.setPartitionerClass(JoinKey.KeyPartitioner.class);
      join.setGroupingComparatorClass(JoinKey.KeyGrouping.class);
      join.setReducerClass(JoinReducer.class);
      join.setOutputKeyClass(KeyedLine.class);
      join.setOutputValueClass(NullWritable.class);
      join.setOutputFormatClass(SequenceFileOutputFormat.class);
      join.setNumReduceTasks(spec.reducers());
      RejectedOutput.declare(join);
      FileOutputFormat.setOutputPath(join, joined);
      Counters joinCounters = MapReduceSubmission.runToCompletion(join);

      Job sort = Job.getInstance(conf, "sluice join: sort");
      sort.setJarByClass(JoinMapReduce.class);
      sort.setInputFormatClass(SequenceFileInputFormat.class);
      sort.setMapperClass(Mapper.class);
      sort.setReducerClass(LineWriter.class);
      sort.setMapOutputKeyClass(KeyedLine.class);
      sort.setMapOutputValueClass(NullWritable.class);
      sort.setOutputKeyClass(Text.class);
      sort.setOutputValueClass(NullWritable.class);
      FileInputFormat.addInputPath(sort, joined);
      FileOutputFormat.setOutputPath(sort, output);
      sort.setNumReduceTasks(
          partitionByRange(sort, new Path(joined, "_sort-partitions"), spec.reducers()));
      Counters sortCounters = MapReduceSubmission.runToCompletion(sort);

      moveRejected(conf, joined, output);
      JoinResult result =
          new JoinResult(
              MapReduceSubmission.count(joinCounters, RecordCounter.READ),
              MapReduceSubmission.count(joinCounters, RecordCounter.ACCEPTED),
              MapReduceSubmission.count(joinCounters, RecordCounter.REJECTED),
              MapReduceSubmission.reduceOutputRecords(sortCounters),
              joinCounters.findCounter(JoinCounter.LEFT_RECORDS_SPILLED).getValue(),
              joinCounters.findCounter(JoinCounter.KEYS_SPILLED).getValue(),
              joinCounters.findCounter(JoinCounter.LEFT_BUFFER_PEAK_BYTES).getValue());
      if (result.keysSpilled() > 0) {
        LOG.info(
            "left rows of {} key(s) exceeded {} bytes in memory; {} left records were spilled to local disk",
            result.keysSpilled(),
            conf.getLong(LEFT_BUFFER_BYTES, DEFAULT_LEFT_BUFFER_BYTES),
            result.leftRecordsSpilled());
      }
      return result;
    } catch (IOException e) {
      throw new SluiceJobException("cannot set up MapReduce join: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceJobException("interrupted while sampling the join output", e);
    } catch (ClassNotFoundException e) {
      throw new SluiceJobException("MapReduce join class missing: " + e.getMessage(), e);
    } finally {
      try {
        work.getFileSystem(conf).delete(work, true);
      } catch (IOException e) {
        LOG.warn("could not remove intermediate join output {}: {}", work, e.toString());
      }
    }
  }

  /**
   * With more than one reducer, sends each a contiguous range of (key, line) so the part files
   * concatenate to one ordered output. Split points come from a random sample of the joined lines;
   * when the sample has fewer distinct lines than reducers, fewer reducers are used. Returns the
   * number of reducers to run.
   */
  private static int partitionByRange(Job sort, Path partitionFile, int reducers)
      throws IOException, InterruptedException, ClassNotFoundException {
    if (reducers == 1) {
      return 1;
    }
    // The sampler returns an Object[] typed as K[]: keep it Object[] so no cast fails.
    InputSampler.Sampler<KeyedLine, NullWritable> sampler =
        new InputSampler.RandomSampler<>(0.1, 10_000, 10);
    Object[] sample = sampler.getSample(new SequenceFileInputFormat<>(), sort);
    KeyedLine[] distinct =
        Arrays.stream(sample)
            .map(KeyedLine.class::cast)
            .sorted()
            .distinct()
            .toArray(KeyedLine[]::new);
    int partitions = Math.min(reducers, distinct.length);
    if (partitions < 2) {
      return 1;
    }
    List<KeyedLine> bounds = new ArrayList<>();
    for (int i = 1; i < partitions; i++) {
      bounds.add(distinct[(int) ((long) i * distinct.length / partitions)]);
    }
    Configuration conf = sort.getConfiguration();
    try (SequenceFile.Writer writer =
        SequenceFile.createWriter(
            conf,
            SequenceFile.Writer.file(partitionFile),
            SequenceFile.Writer.keyClass(KeyedLine.class),
            SequenceFile.Writer.valueClass(NullWritable.class))) {
      for (KeyedLine bound : bounds) {
        writer.append(bound, NullWritable.get());
      }
    }
    TotalOrderPartitioner.setPartitionFile(conf, partitionFile);
    sort.setPartitionerClass(TotalOrderPartitioner.class);
    return partitions;
  }

  /** Moves the mappers' rejected records from the intermediate output into the final one. */
  private static void moveRejected(Configuration conf, Path joined, Path output)
      throws IOException {
    Path from = new Path(joined, RejectedRecord.DIRECTORY);
    FileSystem fs = from.getFileSystem(conf);
    if (fs.exists(from) && !fs.rename(from, new Path(output, RejectedRecord.DIRECTORY))) {
      throw new SluiceJobException("could not move rejected records " + from + " into " + output);
    }
  }
}
