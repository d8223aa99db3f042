package io.sluice.jobs.wordcount;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.Locations;
import io.sluice.jobs.RunSummary;
import io.sluice.jobs.SluiceJobException;
import io.sluice.jobs.StagedOutput;
import io.sluice.storage.StorageUri;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Counts words the way Hadoop's example WordCount does (whitespace {@link java.util.StringTokenizer}),
 * writing {@code word<TAB>count} lines sorted by the word's UTF-8 bytes in {@code part-*} files.
 */
public final class WordCountJob implements Job {

  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final String OVERWRITE = "overwrite";
  static final String REDUCERS = "reducers";

  @Override
  public String name() {
    return "wordcount";
  }

  @Override
  public String description() {
    return "Count words (whitespace-separated, as Hadoop's example WordCount) into word<TAB>count text files";
  }

  @Override
  public List<JobParameter> parameters() {
    return List.of(
        JobParameter.required(INPUT, JobParameter.Type.LOCATION, "Text file or directory to read"),
        JobParameter.required(OUTPUT, JobParameter.Type.LOCATION, "Directory to write part-* files into"),
        JobParameter.flag(OVERWRITE, "Replace the output directory if it exists"),
        JobParameter.optional(REDUCERS, JobParameter.Type.INT,
            "Reduce tasks (MapReduce) or output partitions (Spark)", "1"));
  }

  @Override
  public Set<Engine> engines() {
    return EnumSet.of(Engine.SPARK, Engine.MAPREDUCE);
  }

  @Override
  public RunSummary.Counts run(Engine engine, JobParameters params, EngineContext context) {
    Configuration conf = context.hadoopConf();
    StorageUri input = params.location(INPUT);
    long bytesIn = Locations.requireInput(INPUT, input, conf);
    StagedOutput output = StagedOutput.prepare(params.location(OUTPUT), params.flag(OVERWRITE), conf);
    int reducers = params.intValue(REDUCERS);
    try {
      WordCountResult result = switch (engine) {
        case MAPREDUCE -> WordCountMapReduce.run(conf, input, output.stagingPath(), reducers);
        case SPARK -> WordCountSpark.run(context.spark(), input, output.stagingPath(), reducers);
      };
      output.commit();
      return new RunSummary.Counts(result.lines(), result.lines(), 0, result.words(), bytesIn, output.committedBytes());
    } catch (RuntimeException e) {
      output.abort();
      throw e;
    } catch (Exception e) {
      // Spark throws SparkException (checked) without declaring it.
      output.abort();
      throw new SluiceJobException("wordcount on " + engine + " failed: " + e.getMessage(), e);
    }
  }

  /** Lines read (each is accounted into the counts) and distinct words written. */
  record WordCountResult(long lines, long words) {}
}
