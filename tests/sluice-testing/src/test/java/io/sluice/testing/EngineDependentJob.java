package io.sluice.testing;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobParameter;
import io.sluice.jobs.JobParameters;
import io.sluice.jobs.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A real job (it writes through Hadoop's FileSystem) whose output and counts per engine are given
 * to it: the harness's own tests use it to show that parity and accounting checks can fail.
 */
final class EngineDependentJob implements Job {

  /** What one engine writes and reports. */
  record Outcome(List<String> lines, List<String> rejected, RunSummary.Counts counts) {}

  private final Map<Engine, Outcome> outcomes;

  EngineDependentJob(Map<Engine, Outcome> outcomes) {
    this.outcomes = outcomes;
  }

  static Outcome writes(List<String> lines, long read, long accepted, long rejected) {
    return new Outcome(
        lines, List.of(), new RunSummary.Counts(read, accepted, rejected, lines.size(), 0, 0));
  }

  @Override
  public String name() {
    return "engine-dependent";
  }

  @Override
  public String description() {
    return "Writes what the test told it to write on each engine.";
  }

  @Override
  public List<JobParameter> parameters() {
    return List.of(JobParameter.required("output", JobParameter.Type.LOCATION, "where to write"));
  }

  @Override
  public Set<Engine> engines() {
    return outcomes.keySet();
  }

  @Override
  public RunSummary.Counts run(Engine engine, JobParameters parameters, EngineContext context) {
    Outcome outcome = outcomes.get(engine);
    Path output = parameters.location("output").toHadoopPath();
    try {
      FileSystem fs = output.getFileSystem(context.hadoopConf());
      write(fs, new Path(output, "part-00000"), outcome.lines());
      if (!outcome.rejected().isEmpty()) {
        write(fs, new Path(output, "_rejected/part-00000"), outcome.rejected());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return outcome.counts();
  }

  private static void write(FileSystem fs, Path file, List<String> lines) throws IOException {
    try (FSDataOutputStream out = fs.create(file, false)) {
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
