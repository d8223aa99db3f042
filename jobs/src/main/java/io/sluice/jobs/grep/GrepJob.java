package io.sluice.jobs.grep;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.Locations;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.StagedOutput;
import io.sluice.storage.StorageUri;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Counts the matches of a Java regex in text, like Hadoop's example Grep: every match in every line
 * counts, keyed by the matched text or by one capturing group. Writes {@code count<TAB>match}
 * lines into {@code part-*} files, ordered by count descending, then by the match's UTF-8 bytes
 * ascending (Hadoop's example leaves the order of equal counts to its sort; this order is total,
 * so Spark and MapReduce write identical bytes).
 *
 * <p>Accounting: every line read is accepted (a line without matches is still searched); written
 * is the number of distinct matches.
 */
public final class GrepJob implements Job {

  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final String PATTERN = "pattern";
  static final String GROUP = "group";
  static final String OVERWRITE = "overwrite";
  static final String REDUCERS = "reducers";

  @Override
  public String name() {
    return "grep";
  }

  @Override
  public String description() {
    return "Count the matches of a Java regex (as Hadoop's example Grep) into count<TAB>match lines, most frequent first";
  }

  @Override
  public List<JobParameter> parameters() {
    return List.of(
        JobParameter.required(INPUT, JobParameter.Type.LOCATION, "Text file or directory to search"),
        JobParameter.required(OUTPUT, JobParameter.Type.LOCATION, "Directory to write part-* files into"),
        JobParameter.required(PATTERN, JobParameter.Type.STRING, "Java regex; every match in a line is counted"),
        JobParameter.optional(GROUP, JobParameter.Type.INT,
            "Capturing group to count by; 0 counts the whole match", "0"),
        JobParameter.flag(OVERWRITE, "Replace the output directory if it exists"),
        JobParameter.optional(REDUCERS, JobParameter.Type.INT,
            "Reduce tasks of the counting job (MapReduce) or output partitions (Spark)", "1"));
  }

  @Override
  public Set<Engine> engines() {
    return EnumSet.of(Engine.SPARK, Engine.MAPREDUCE);
  }

  @Override
  public RunSummary.Counts run(Engine engine, JobParameters params, EngineContext context) {
    // Check the regex before touching any location: a typo must not cost a cluster round trip.
    GrepPattern pattern = GrepPattern.compile(params.string(PATTERN), params.intValue(GROUP));
    int reducers = params.intValue(REDUCERS);
    if (reducers < 1) {
      throw new BadInputException("--" + REDUCERS + " must be at least 1, got " + reducers);
    }
    Configuration conf = context.hadoopConf();
    StorageUri input = params.location(INPUT);
    long bytesIn = Locations.requireInput(INPUT, input, conf);
    StagedOutput output = StagedOutput.prepare(params.location(OUTPUT), params.flag(OVERWRITE), conf);
    try {
      GrepResult result = switch (engine) {
        case MAPREDUCE -> GrepMapReduce.run(conf, input, pattern, output.stagingPath(), reducers);
        case SPARK -> GrepSpark.run(context.spark(), input, pattern, output.stagingPath(), reducers);
      };
      output.commit();
      return new RunSummary.Counts(result.lines(), result.lines(), 0, result.distinctMatches(),
          bytesIn, output.committedBytes());
    } catch (RuntimeException e) {
      output.abort();
      throw e;
    }
  }

  /** Lines searched and distinct matches written. */
  record GrepResult(long lines, long distinctMatches) {}
}
