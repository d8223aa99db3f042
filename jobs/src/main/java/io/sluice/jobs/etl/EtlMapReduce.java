package io.sluice.jobs.etl;

import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.mapreduce.FileLineNumber;
import io.sluice.jobs.mapreduce.MapReduceSubmission;
import io.sluice.jobs.mapreduce.NumberedLineInputFormat;
import io.sluice.jobs.mapreduce.RecordCounter;
import io.sluice.jobs.mapreduce.RejectedOutput;
import io.sluice.storage.StorageUri;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * ETL on the MapReduce API with parquet-hadoop, for clusters without Spark. The mapper reads lines
 * against the schema and sends each row to the reducer under its key; the reducer keeps the row
 * read last (by file path, then line number) and writes it to its partition's Parquet file.
 * Rejected lines go from the mapper to {@code _rejected/}.
 */
public final class EtlMapReduce {

  static final String SCHEMA = "sluice.etl.schema";
  static final String FORMAT = "sluice.etl.format";

  /** Counters beyond the records read, accepted and rejected. */
  public enum EtlCounter {
    HEADER_LINES,
    /** Accepted rows dropped because a later row had the same key. */
    DUPLICATES,
    ROWS_WRITTEN
  }

  private EtlMapReduce() {}

  /** A row on its way to the reducer: where it was read and its typed values. */
  public static class SourcedRow implements Writable {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;

    /** The tag of each value type; the types are final classes, so a value's class finds it. */
    private static final Map<Class<?>, Byte> TAGS =
        Map.of(
            String.class, STRING,
            Integer.class, INT,
            Long.class, LONG,
            Double.class, DOUBLE,
            Boolean.class, BOOLEAN);

    String source;
    long line;
    Object[] values;

    void set(String source, long line, Object[] values) {
      this.source = source;
      this.line = line;
      this.values = values;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      Text.writeString(out, source);
      WritableUtils.writeVLong(out, line);
      WritableUtils.writeVInt(out, values.length);
      for (Object v : values) {
        Byte tag = v == null ? Byte.valueOf(NULL) : TAGS.get(v.getClass());
        if (tag == null) {
          throw new IOException("cannot serialise " + v.getClass());
        }
        out.writeByte(tag);
        switch (tag) {
          case STRING -> Text.writeString(out, (String) v);
          case INT -> out.writeInt((Integer) v);
          case LONG -> out.writeLong((Long) v);
          case DOUBLE -> out.writeDouble((Double) v);
          case BOOLEAN -> out.writeBoolean((Boolean) v);
          default -> {} // NULL: the tag is the whole value
        }
      }
    }

    /** Reads into fresh objects, so a reducer may keep them while Hadoop reuses this instance. */
    @Override
    public void readFields(DataInput in) throws IOException {
      source = Text.readString(in);
      line = WritableUtils.readVLong(in);
      values = new Object[WritableUtils.readVInt(in)];
      for (int i = 0; i < values.length; i++) {
        byte tag = in.readByte();
        values[i] =
            switch (tag) {
              case NULL -> null;
              case STRING -> Text.readString(in);
              case INT -> in.readInt();
              case LONG -> in.readLong();
              case DOUBLE -> in.readDouble();
              case BOOLEAN -> in.readBoolean();
              default -> throw new IOException("unknown value tag " + tag);
            };
      }
    }
  }

  /** Reads lines against the schema; rows go on under their key, bad lines to _rejected/. */
  public static class SchemaMapper extends Mapper<LongWritable, Text, Text, SourcedRow> {
    private final Text key = new Text();
    private final SourcedRow row = new SourcedRow();
    private EtlSchema schema;
    private int[] keyFields;
    private String source;
    private EtlFormat format;
    private EtlRecordParser parser;
    private MultipleOutputs<Text, SourcedRow> outputs;

    @Override
    protected void setup(Context context) {
      Configuration conf = context.getConfiguration();
      schema = EtlSchema.parse(conf.get(SCHEMA), false, SCHEMA);
      keyFields = schema.key().stream().mapToInt(schema::indexOf).toArray();
      format = EtlFormat.valueOf(conf.get(FORMAT));
      outputs = new MultipleOutputs<>(context);
    }

    @Override
    protected void map(LongWritable lineNumber, Text text, Context context)
        throws IOException, InterruptedException {
      String file = FileLineNumber.sourceOf(lineNumber);
      if (file != source) { // one instance per file: a combined split's next file starts
        source = file;
        parser = new EtlRecordParser(schema, format, source);
      }
      String line = text.toString();
      ParsedRecord parsed = parser.parse(lineNumber.get(), line);
      switch (parsed.kind()) {
        case HEADER -> context.getCounter(EtlCounter.HEADER_LINES).increment(1);
        case REJECTED -> {
          context.getCounter(RecordCounter.READ).increment(1);
          context.getCounter(RecordCounter.REJECTED).increment(1);
          RejectedRecord rejected =
              new RejectedRecord(source, lineNumber.get(), parsed.field(), parsed.reason(), line);
          RejectedOutput.write(outputs, new Text(rejected.toJson()));
        }
        case ROW -> {
          context.getCounter(RecordCounter.READ).increment(1);
          key.set(
              keyFields.length == 0 ? source + '\0' + lineNumber.get() : keyOf(parsed.values()));
          row.set(source, lineNumber.get(), parsed.values());
          context.write(key, row);
          context.getCounter(RecordCounter.ACCEPTED).increment(1);
        }
        default -> throw new IllegalStateException(parsed.kind().name());
      }
    }

    /** The key columns' values; typed values, so " 7" and "7" read as an int are the same key. */
    private String keyOf(Object[] values) {
      StringBuilder k = new StringBuilder();
      for (int i : keyFields) {
        k.append(values[i]).append('\0');
      }
      return k.toString();
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
      outputs.close();
    }
  }

  /** Keeps the last row read per key and writes it to its partition's Parquet file. */
  public static class LastRowReducer extends Reducer<Text, SourcedRow, NullWritable, NullWritable> {
    private EtlSchema schema;
    private int partitionField;
    private Path workPath;
    private String fileName;

    /** One open writer per partition value this reducer has seen; closed at the end of the task. */
    private final Map<String, ParquetWriter<Object[]>> writers = new HashMap<>();

    @Override
    protected void setup(Context context) throws IOException, InterruptedException {
      schema = EtlSchema.parse(context.getConfiguration().get(SCHEMA), false, SCHEMA);
      partitionField = schema.partitionBy() == null ? -1 : schema.indexOf(schema.partitionBy());
      // Files in the task's work directory are moved into the output when the task commits.
      workPath = FileOutputFormat.getWorkOutputPath(context);
      fileName = FileOutputFormat.getUniqueFile(context, "part", ".snappy.parquet");
    }

    @Override
    protected void reduce(Text key, Iterable<SourcedRow> rows, Context context) throws IOException {
      byte[] lastSource = null;
      long lastLine = -1;
      Object[] last = null;
      long seen = 0;
      for (SourcedRow row : rows) {
        seen++;
        byte[] source = row.source.getBytes(StandardCharsets.UTF_8);
        int order = last == null ? 1 : Arrays.compareUnsigned(source, lastSource);
        if (order > 0 || order == 0 && row.line > lastLine) {
          lastSource = source;
          lastLine = row.line;
          last = row.values;
        }
      }
      writerFor(last, context).write(last);
      context.getCounter(EtlCounter.ROWS_WRITTEN).increment(1);
      context.getCounter(EtlCounter.DUPLICATES).increment(seen - 1);
    }

    private ParquetWriter<Object[]> writerFor(Object[] row, Context context) throws IOException {
      String dir =
          partitionField < 0
              ? ""
              : PartitionPath.directory(
                  schema.partitionBy(),
                  schema.fields().get(partitionField).type(),
                  row[partitionField]);
      ParquetWriter<Object[]> writer = writers.get(dir);
      if (writer == null) {
        Path parent = dir.isEmpty() ? workPath : new Path(workPath, dir);
        writer = ParquetRows.open(new Path(parent, fileName), schema, context.getConfiguration());
        writers.put(dir, writer);
      }
      return writer;
    }

    @Override
    protected void cleanup(Context context) throws IOException {
      for (ParquetWriter<Object[]> writer : writers.values()) {
        writer.close();
      }
    }
  }

  static EtlJob.Result run(
      Configuration conf, StorageUri input, Path output, EtlSchema schema, EtlFormat format) {
    try {
      conf.setBoolean("mapreduce.client.genericoptionsparser.used", true);
      conf.set(SCHEMA, schema.toJson());
      conf.set(FORMAT, format.name());
      Job job = Job.getInstance(conf, "sluice etl");
      job.setJarByClass(EtlMapReduce.class);
      job.setInputFormatClass(NumberedLineInputFormat.class);
      FileInputFormat.addInputPath(job, input.toHadoopPath());
      FileInputFormat.setInputDirRecursive(job, true);
      job.setMapperClass(SchemaMapper.class);
      job.setReducerClass(LastRowReducer.class);
      job.setMapOutputKeyClass(Text.class);
      job.setMapOutputValueClass(SourcedRow.class);
      job.setOutputKeyClass(NullWritable.class);
      job.setOutputValueClass(NullWritable.class);
      // The reducer writes Parquet itself; the lazy text format only supplies the committer.
      LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
      RejectedOutput.declare(job);
      FileOutputFormat.setOutputPath(job, output);
      Counters counters = MapReduceSubmission.runToCompletion(job);
      return new EtlJob.Result(
          MapReduceSubmission.count(counters, RecordCounter.READ),
          MapReduceSubmission.count(counters, RecordCounter.ACCEPTED),
          MapReduceSubmission.count(counters, RecordCounter.REJECTED),
          counters.findCounter(EtlCounter.ROWS_WRITTEN).getValue(),
          counters.findCounter(EtlCounter.DUPLICATES).getValue());
    } catch (IOException e) {
      throw new SluiceJobException("MapReduce etl job failed: " + e.getMessage(), e);
    }
  }
}
