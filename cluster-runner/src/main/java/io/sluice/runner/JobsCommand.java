package io.sluice.runner;

import io.sluice.jobs.Engine;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice jobs}: the registered jobs, their engines and what they do. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List the registered jobs.")
final class JobsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  JobRegistry registry;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int width = registry.all().stream().mapToInt(j -> j.name().length()).max().orElse(4);
    String format = "%-" + width + "s  %-16s  %s%n";
    out.printf(format, "JOB", "ENGINES", "DESCRIPTION");
    for (Job job : registry.all()) {
      String engines = job.engines().stream().map(Engine::id).sorted().collect(Collectors.joining(","));
      out.printf(format, job.name(), engines, job.description());
    }
    out.flush();
    return ExitCode.OK;
  }
}
