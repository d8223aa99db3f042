package io.sluice.jobs.userjar;

import io.sluice.testing.SourceJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds a user's job jar at test time, as a user's build would: a job compiled with the JDK's
 * compiler against the test classpath, its {@code META-INF/services/io.sluice.jobs.Job}, jarred.
 *
 * <p>The job ({@link #letters}) counts the first letters of words, lower-cased, into {@code
 * letter<TAB>count} lines; empty lines are rejected with a reason. It extends {@code SluiceJob} and
 * runs on both engines: {@code MapReduceLines} with a {@code ParsingMapper} that exists only in the
 * jar, and {@code ParsedLines} with a Spark lambda of the jar's class, so a run succeeds only if
 * the engines' tasks load the user's classes. {@link #expectedLetters} is the independent
 * reference.
 */
public record UserJobJar(
    String jobName, String simpleClassName, String description, boolean registered) {

  /** The package of the generated job classes; outside io.sluice so it loads child-first. */
  public static final String PACKAGE = "com.example.userjobs";

  /** The letters job under a name, as class {@code com.example.userjobs.<simpleClassName>}. */
  public static UserJobJar letters(String jobName, String simpleClassName) {
    return new UserJobJar(
        jobName, simpleClassName, "Count the first letters of words (a user's job)", true);
  }

  /** The same job with another description: other bytes, same name. */
  public UserJobJar describedAs(String text) {
    return new UserJobJar(jobName, simpleClassName, text, registered);
  }

  /** The classes without the services file: a jar that registers no job. */
  public UserJobJar unregistered() {
    return new UserJobJar(jobName, simpleClassName, description, false);
  }

  /** The job's fully qualified class name. */
  public String qualifiedClassName() {
    return PACKAGE + "." + simpleClassName;
  }

  /** Compiles the job and writes the jar; returns it. */
  public Path build(Path jar) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(qualifiedClassName(), source());
    Map<String, String> resources = new LinkedHashMap<>();
    if (registered) {
      resources.put("META-INF/services/io.sluice.jobs.Job", qualifiedClassName() + "\n");
    }
    return jar(jar, sources, resources);
  }

  /**
   * Compiles {@code sources} (class name to Java text) against the test classpath and jars the
   * classes with {@code resources} (entry name to text).
   */
  public static Path jar(Path jar, Map<String, String> sources, Map<String, String> resources) {
    return SourceJar.build(jar, sources, resources, "the user job");
  }

  /**
   * The classpath the test runs with (Surefire and Failsafe name it; a manifest-only jar hides it).
   */
  public static String testClasspath() {
    return SourceJar.testClasspath();
  }

  /**
   * The reference: first letters of whitespace-separated words of non-empty lines, lower-cased,
   * counted.
   */
  public static Map<String, Long> expectedLetters(List<String> lines) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : lines) {
      StringTokenizer words = new StringTokenizer(line);
      while (words.hasMoreTokens()) {
        counts.merge(words.nextToken().substring(0, 1).toLowerCase(Locale.ROOT), 1L, Long::sum);
      }
    }
    return counts;
  }

  /** Lines of a letters output directory ({@code part-*} files), as a map. */
  public static Map<String, Long> readLetters(Path output) {
    Map<String, Long> counts = new TreeMap<>();
    try (Stream<Path> files = Files.list(output)) {
      for (Path part :
          files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        for (String line : Files.readAllLines(part)) {
          String[] kv = line.split("\t");
          if (counts.put(kv[0], Long.parseLong(kv[1])) != null) {
            throw new AssertionError("letter " + kv[0] + " written twice in " + output);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  /** Non-empty lines of a text (the records the job accepts). */
  public static long records(List<String> lines) {
    return lines.stream().filter(l -> !l.isEmpty()).count();
  }

  private String source() {
    return """
        package %1$s;

        import io.sluice.jobs.Engine;
        import io.sluice.jobs.JobParameter;
        import io.sluice.jobs.JobParameters;
        import io.sluice.jobs.JobRun;
        import io.sluice.jobs.LineParser;
        import io.sluice.jobs.RecordCounts;
        import io.sluice.jobs.RecordRejectedException;
        import io.sluice.jobs.SluiceJob;
        import io.sluice.jobs.mapreduce.MapReduceLines;
        import io.sluice.jobs.mapreduce.ParsingMapper;
        import io.sluice.jobs.spark.ParsedLines;
        import java.io.IOException;
        import java.util.ArrayList;
        import java.util.EnumSet;
        import java.util.List;
        import java.util.Locale;
        import java.util.Set;
        import java.util.StringTokenizer;
        import org.apache.hadoop.io.LongWritable;
        import org.apache.hadoop.io.Text;
        import org.apache.hadoop.mapreduce.lib.reduce.LongSumReducer;
        import org.apache.spark.api.java.function.FlatMapFunction;
        import org.apache.spark.sql.Encoders;
        import org.apache.spark.sql.functions;

        /** A user's job, compiled at test time. */
        public class %2$s extends SluiceJob {

          @Override
          public String name() {
            return "%3$s";
          }

          @Override
          public String description() {
            return "%4$s";
          }

          @Override
          public List<JobParameter> parameters() {
            return List.of(JobParameter.input("input", "Text to read"), JobParameter.output("output", "Where to write"),
                JobParameter.overwrite());
          }

          @Override
          public Set<Engine> engines() {
            return EnumSet.of(Engine.SPARK, Engine.MAPREDUCE);
          }

          @Override
          protected RecordCounts execute(JobRun run) {
            if (run.engine() == Engine.MAPREDUCE) {
              return MapReduceLines.of(run, "input", Lines.class)
                  .mapper(FirstLetters.class, Text.class, LongWritable.class)
                  .combiner(LongSumReducer.class)
                  .reducer(LongSumReducer.class, Text.class, LongWritable.class)
                  .run();
            }
            ParsedLines<String> lines = ParsedLines.read(run, "input", Lines.class, Encoders.STRING());
            return lines.writeText(lines.records()
                .flatMap((FlatMapFunction<String, String>) line -> letters(line).iterator(), Encoders.STRING())
                .groupBy("value").count().orderBy("value")
                .select(functions.concat_ws("\\t", functions.col("value"), functions.col("count")))
                .as(Encoders.STRING()));
          }

          static List<String> letters(String line) {
            List<String> out = new ArrayList<>();
            StringTokenizer words = new StringTokenizer(line);
            while (words.hasMoreTokens()) {
              out.add(words.nextToken().substring(0, 1).toLowerCase(Locale.ROOT));
            }
            return out;
          }

          /** Every line is a record; an empty one is rejected. */
          public static class Lines implements LineParser.Factory<String> {
            @Override
            public LineParser<String> open(String source, JobParameters parameters) {
              return (line, text) -> {
                if (text.isEmpty()) {
                  throw new RecordRejectedException("line", "empty line");
                }
                return text;
              };
            }
          }

          /** Lives only in the user's jar: the MapReduce tasks must load it from there. */
          public static class FirstLetters extends ParsingMapper<String, Text, LongWritable> {
            private final Text letter = new Text();
            private final LongWritable one = new LongWritable(1);

            @Override
            protected void map(String record, Context context) throws IOException, InterruptedException {
              for (String l : letters(record)) {
                letter.set(l);
                context.write(letter, one);
              }
            }
          }
        }
        """
        .formatted(PACKAGE, simpleClassName, jobName, description);
  }
}
