package io.sluice.runner;

import io.sluice.jobs.Engine;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobRegistry;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sluice jobs}: the registered jobs, their engines and what they do. */
@Command(name = "jobs", description = "List the registered jobs.")
final class JobsCommand extends OutputCommand {

  @Mixin UserJarOptions jars;

  /** The built-in jobs, from the command line. */
  JobRegistry registry;

  @Override
  public Integer call() {
    JobRegistry listed = jars.paths().isEmpty() ? registry : jars.registry();
    int width = listed.all().stream().mapToInt(j -> j.name().length()).max().orElse(4);
    if (listed.userJars().isEmpty()) {
      String format = "%-" + width + "s  %-16s  %s%n";
      out().printf(format, "JOB", "ENGINES", "DESCRIPTION");
      for (Job job : listed.all()) {
        out().printf(format, job.name(), engines(job), job.description());
      }
    } else {
      // With users' jars, where each job comes from: built-in or the jar's path.
      int described =
          listed.all().stream().mapToInt(j -> j.description().length()).max().orElse(11);
      String format = "%-" + width + "s  %-16s  %-" + described + "s  %s%n";
      out().printf(format, "JOB", "ENGINES", "DESCRIPTION", "FROM");
      for (Job job : listed.all()) {
        out()
            .printf(format, job.name(), engines(job), job.description(), listed.origin(job.name()));
      }
    }
    out().flush();
    return ExitCode.OK;
  }

  private static String engines(Job job) {
    return job.engines().stream().map(Engine::id).sorted().collect(Collectors.joining(","));
  }
}
