package io.sluice.jobs.mapreduce;

import io.sluice.jobs.BadInputException;
import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
import java.util.Arrays;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * Entry point for {@code hadoop jar}: the cluster comes from the Hadoop configuration (and {@code
 * -D} options), the job and its parameters from the arguments.
 *
 * <pre>
 * hadoop jar sluice-jobs-app.jar io.sluice.jobs.mapreduce.MapReduceJobMain wordcount --input IN --output OUT
 * </pre>
 */
public final class MapReduceJobMain extends Configured implements Tool {

  @Override
  public int run(String[] args) {
    if (args.length == 0) {
      throw new BadInputException("usage: MapReduceJobMain JOB [--name value ...]");
    }
    // The context loader holds the application jar and --jars (spark-submit) / -libjars (hadoop
    // jar):
    // jobs from users' jars are found there.
    JobRegistry registry = JobRegistry.loadFromContext();
    Job job = registry.find(args[0]);
    JobParameters parameters =
        JobParameters.parseArgs(job, Arrays.copyOfRange(args, 1, args.length));
    try (EngineContext context = EngineContext.builder().hadoopConf(getConf()).build()) {
      RunSummary summary = new JobRunner(registry).run(job, Engine.MAPREDUCE, parameters, context);
      System.out.println(summary.toLine());
    }
    return 0;
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new MapReduceJobMain(), args));
  }
}
