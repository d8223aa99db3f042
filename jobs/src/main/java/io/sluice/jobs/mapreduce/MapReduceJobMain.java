package io.sluice.jobs.mapreduce;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.EntryPointArgs;
import io.sluice.jobs.RunSummary;
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
    EntryPointArgs call = EntryPointArgs.parse("MapReduceJobMain", args);
    try (EngineContext context = EngineContext.builder().hadoopConf(getConf()).build()) {
      RunSummary summary = call.run(Engine.MAPREDUCE, context);
      System.out.println(summary.toLine());
    }
    return 0;
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new MapReduceJobMain(), args));
  }
}
