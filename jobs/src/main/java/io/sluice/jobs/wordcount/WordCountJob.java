package io.sluice.jobs.wordcount;

import static io.sluice.jobs.JobParameter.INPUT;

import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobRun;
import io.sluice.jobs.RecordCounts;
import io.sluice.jobs.SluiceJob;

/**
 * Counts words the way Hadoop's example WordCount does (whitespace {@link
 * java.util.StringTokenizer}), writing {@code word<TAB>count} lines sorted by the word's UTF-8
 * bytes in {@code part-*} files.
 *
 * <p>Accounting: every line read is accepted; written is the number of distinct words.
 */
public final class WordCountJob extends SluiceJob {

  public WordCountJob() {
    super(
        "wordcount",
        "Count words (whitespace-separated, as Hadoop's example WordCount) into word<TAB>count text files",
        JobParameter.input("Text file or directory to read"),
        JobParameter.output("Directory to write part-* files into"),
        JobParameter.overwrite(),
        JobParameter.reducers("Reduce tasks (MapReduce) or output partitions (Spark)"));
  }

  @Override
  protected RecordCounts execute(JobRun run) {
    int reducers = run.parameters().intValue(JobParameter.REDUCERS);
    return switch (run.engine()) {
      case MAPREDUCE ->
          WordCountMapReduce.run(run.conf(), run.location(INPUT), run.output(), reducers);
      case SPARK -> WordCountSpark.run(run, reducers);
    };
  }
}
