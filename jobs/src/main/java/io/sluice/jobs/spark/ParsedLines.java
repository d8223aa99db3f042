package io.sluice.jobs.spark;

import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.LineParser;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.RecordRejectedException;
import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.mapreduce.FileLineNumber;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A Spark job as a transformation of Datasets: Sluice reads the input's lines with their file and
 * line number (the same {@link NumberedLineInputFormat} MapReduce reads), parses them with the
 * job's {@link LineParser}, keeps rejected lines aside, and gives the job a {@code Dataset<T>} of
 * accepted records to transform. Writing the result ({@link #writeText}, {@link #writeParquet})
 * also quarantines the rejected lines and returns the run's {@link RecordCounts}.
 *
 * <pre>{@code
 * ParsedLines<String> values = ParsedLines.read(run, "input", ValueParsers.class, Encoders.STRING());
 * return values.writeText(values.records().groupBy("value").count()
 *     .orderBy("value").select(concat_ws("\t", col("value"), col("count"))).as(Encoders.STRING()));
 * }</pre>
 *
 * <p>Records are parsed once: the parsed lines are cached (memory, then disk) until the write.
 *
 * @param <T> the parsed record; Java-serializable, with an {@link Encoder} for the Dataset
 */
public final class ParsedLines<T> {

  private final JobRun run;
  private final JavaRDD<Outcome<T>> outcomes;
  private final Encoder<T> encoder;
  private boolean written;

  private ParsedLines(JobRun run, JavaRDD<Outcome<T>> outcomes, Encoder<T> encoder) {
    this.run = run;
    this.outcomes = outcomes;
    this.encoder = encoder;
  }

  /**
   * Reads and parses an input.
   *
   * @param inputParameter the job parameter naming the input location
   * @param parsers the parser factory (public, no-argument constructor), made once per file on the
   *     executors
   * @param encoder the records' encoder, e.g. {@code Encoders.STRING()} or {@code
   *     Encoders.bean(...)}
   */
  public static <T> ParsedLines<T> read(
      JobRun run,
      String inputParameter,
      Class<? extends LineParser.Factory<T>> parsers,
      Encoder<T> encoder) {
    LineParser.Factory<T> factory = LineParser.Factory.of(parsers);
    JobParameters parameters = run.parameters();
    JavaRDD<Outcome<T>> outcomes =
        SparkLines.numbered(run.spark(), run.location(inputParameter))
            .mapPartitions(
                lines ->
                    // Lazy: lines stream through, a parser per file; lines that are not records
                    // (null) are skipped.
                    new Iterator<Outcome<T>>() {
                      private String source;
                      private LineParser<T> parser;
                      private Outcome<T> next;

                      @Override
                      public boolean hasNext() {
                        while (next == null && lines.hasNext()) {
                          Tuple2<LongWritable, Text> line = lines.next();
                          String file = FileLineNumber.sourceOf(line._1());
                          if (file != source) { // one instance per file: the next file starts
                            source = file;
                            parser = factory.open(source, parameters);
                          }
                          next = Outcome.of(parser, source, line._1().get(), line._2().toString());
                        }
                        return next != null;
                      }

                      @Override
                      public Outcome<T> next() {
                        if (!hasNext()) {
                          throw new NoSuchElementException();
                        }
                        Outcome<T> current = next;
                        next = null;
                        return current;
                      }
                    })
            .persist(StorageLevel.MEMORY_AND_DISK());
    return new ParsedLines<>(run, outcomes, encoder);
  }

  /** The accepted records, to transform with Spark SQL. */
  public Dataset<T> records() {
    SparkSession spark = run.spark();
    return spark.createDataset(
        outcomes.filter(Outcome::accepted).map(Outcome::record).rdd(), encoder);
  }

  /**
   * Writes text lines (one string column) as {@code part-*} files into the run's output, the
   * rejected lines under {@code _rejected/}, and counts.
   */
  public RecordCounts writeText(Dataset<String> lines) {
    return write(() -> lines.write().text(run.output().toString()));
  }

  /**
   * Writes rows as Parquet into the run's output, the rejected lines under {@code _rejected/}, and
   * counts.
   */
  public RecordCounts writeParquet(Dataset<Row> rows) {
    return write(() -> rows.write().parquet(run.output().toString()));
  }

  private RecordCounts write(Runnable action) {
    if (written) {
      throw new IllegalStateException("parsed lines are written once");
    }
    written = true;
    try {
      long accepted = 0;
      long rejected = 0;
      for (Map.Entry<Boolean, Long> kind :
          outcomes.map(Outcome::accepted).countByValue().entrySet()) {
        if (kind.getKey()) {
          accepted = kind.getValue();
        } else {
          rejected = kind.getValue();
        }
      }
      long writtenRecords;
      try (TaskRecordCounter counter = TaskRecordCounter.start(run.spark())) {
        action.run();
        counter.close();
        writtenRecords = counter.recordsWritten();
      }
      if (rejected > 0) {
        run.spark()
            .createDataset(
                outcomes.filter(o -> !o.accepted()).map(o -> o.rejected().toJson()).rdd(),
                Encoders.STRING())
            .write()
            .text(run.rejectedOutput().toString());
      }
      return new RecordCounts(accepted + rejected, accepted, rejected, writtenRecords);
    } finally {
      outcomes.unpersist(false);
    }
  }

  /** One parsed line: a record, or the rejected line with its reason. */
  record Outcome<T>(T record, RejectedRecord rejected) implements Serializable {

    boolean accepted() {
      return rejected == null;
    }

    static <T> Outcome<T> of(LineParser<T> parser, String source, long line, String text) {
      try {
        T record = parser.parse(line, text);
        return record == null ? null : new Outcome<>(record, null);
      } catch (RecordRejectedException e) {
        return new Outcome<>(null, new RejectedRecord(source, line, e.field(), e.reason(), text));
      }
    }
  }
}
