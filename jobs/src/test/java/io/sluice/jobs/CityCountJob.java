package io.sluice.jobs;

import static io.sluice.jobs.JobParameter.INPUT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import io.sluice.jobs.mapreduce.MapReduceLines;
import io.sluice.jobs.mapreduce.ParsingMapper;
import io.sluice.jobs.spark.ParsedLines;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;
import org.apache.spark.sql.Encoders;

/**
 * A line job as a user writes one with the SDK, for {@link LineJobParityTest}: {@code city,visits}
 * CSV files with a header, one record per line (the city), counted per city into {@code
 * city<TAB>count} lines in the cities' UTF-8 byte order. Lines with the wrong number of fields, an
 * empty city, visits that are not a number or fewer visits than {@code --min-visits} are rejected;
 * a file whose first line is not the header has that line rejected too. The parameter reaches the
 * parsers on the executors and in the map tasks.
 */
public final class CityCountJob extends SluiceJob {

  static final JobParameter MIN_VISITS =
      JobParameter.optional(
              "min-visits", JobParameter.Type.INT, "Reject lines with fewer visits", "0")
          .atLeast(0);
  static final String HEADER = "city,visits";

  public CityCountJob() {
    super(
        "citycount",
        "Count the lines of each city in city,visits CSV files",
        JobParameter.input("city,visits CSV files with a header"),
        JobParameter.output("Directory for city<TAB>count part files"),
        JobParameter.overwrite(),
        MIN_VISITS);
  }

  @Override
  public Set<Engine> engines() {
    return EnumSet.of(Engine.SPARK, Engine.MAPREDUCE);
  }

  @Override
  protected RecordCounts execute(JobRun run) {
    return switch (run.engine()) {
      case SPARK -> {
        ParsedLines<String> cities = ParsedLines.read(run, INPUT, Parsers.class, Encoders.STRING());
        yield cities.writeText(
            cities
                .records()
                .groupBy("value")
                .count()
                .orderBy("value")
                .select(concat_ws("\t", col("value"), col("count")))
                .as(Encoders.STRING()));
      }
      case MAPREDUCE ->
          MapReduceLines.of(run, INPUT, Parsers.class)
              .mapper(CityMapper.class, Text.class, LongWritable.class)
              .combiner(LongSumReducer.class)
              .reducer(LongSumReducer.class, Text.class, LongWritable.class)
              .run();
    };
  }

  /**
   * Makes the parser of one file; public with a no-argument constructor, as both engines build it
   * by name.
   */
  public static final class Parsers implements LineParser.Factory<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public LineParser<String> open(String source, JobParameters parameters) {
      int minVisits = parameters.intValue(MIN_VISITS.name());
      return (line, text) -> {
        if (line == 1) {
          if (text.equals(HEADER)) {
            return null;
          }
          throw new RecordRejectedException(
              null, "the first line is not the header '" + HEADER + "'");
        }
        String[] fields = text.split(",", -1);
        if (fields.length != 2) {
          throw new RecordRejectedException(null, "expected 2 fields, got " + fields.length);
        }
        if (fields[0].isBlank()) {
          throw new RecordRejectedException("city", "empty city");
        }
        if (!fields[1].matches("[0-9]+")) {
          throw new RecordRejectedException("visits", "not a number: '" + fields[1] + "'");
        }
        if (Integer.parseInt(fields[1]) < minVisits) {
          throw new RecordRejectedException("visits", "fewer than " + minVisits + " visits");
        }
        return fields[0];
      };
    }
  }

  /** Emits (city, 1) per accepted record. */
  public static final class CityMapper extends ParsingMapper<String, Text, LongWritable> {
    private static final LongWritable ONE = new LongWritable(1);
    private final Text city = new Text();

    @Override
    protected void map(String record, Context context) throws IOException, InterruptedException {
      city.set(record);
      context.write(city, ONE);
    }
  }
}
