package io.sluice.jobs.grep;

import static io.sluice.jobs.JobParameter.INPUT;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJob;

/**
 * Counts the matches of a Java regex in text, like Hadoop's example Grep: every match in every line
 * counts, keyed by the matched text or by one capturing group. Writes {@code count<TAB>match} lines
 * into {@code part-*} files, ordered by count descending, then by the match's UTF-8 bytes ascending
 * (Hadoop's example leaves the order of equal counts to its sort; this order is total, so Spark and
 * MapReduce write identical bytes).
 *
 * <p>Accounting: every line read is accepted (a line without matches is still searched); written is
 * the number of distinct matches.
 */
public final class GrepJob extends SluiceJob {

  static final JobParameter PATTERN =
      JobParameter.required(
          "pattern", JobParameter.Type.STRING, "Java regex; every match in a line is counted");
  static final JobParameter GROUP =
      JobParameter.optional(
          "group",
          JobParameter.Type.INT,
          "Capturing group to count by; 0 counts the whole match",
          "0");

  public GrepJob() {
    super(
        "grep",
        "Count the matches of a Java regex (as Hadoop's example Grep) into count<TAB>match lines, most frequent first",
        JobParameter.input("Text file or directory to search"),
        JobParameter.output("Directory to write part-* files into"),
        PATTERN,
        GROUP,
        JobParameter.overwrite(),
        JobParameter.reducers(
            "Reduce tasks of the counting job (MapReduce) or output partitions (Spark)"));
  }

  @Override
  protected void validate(JobParameters params) {
    pattern(params);
  }

  @Override
  protected RecordCounts execute(JobRun run) {
    GrepPattern pattern = pattern(run.parameters());
    int reducers = run.parameters().intValue(JobParameter.REDUCERS);
    return switch (run.engine()) {
      case MAPREDUCE ->
          GrepMapReduce.run(run.conf(), run.location(INPUT), pattern, run.output(), reducers);
      case SPARK -> GrepSpark.run(run, pattern, reducers);
    };
  }

  /** The regex and group, compiled: a syntax error or a missing group is bad input. */
  private static GrepPattern pattern(JobParameters params) {
    return GrepPattern.compile(params.string(PATTERN.name()), params.intValue(GROUP.name()));
  }
}
