package io.sluice.runner;

import io.sluice.jobs.Engine;
import io.sluice.jobs.Job;
import io.sluice.jobs.JobRegistry;
import java.util.List;
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
    if (json()) {
      for (Job job : listed.all()) {
        List<String> engines = job.engines().stream().map(Engine::id).sorted().toList();
        print(new JsonJob(job.name(), engines, job.description(), listed.origin(job.name())));
      }
      return ExitCode.OK;
    }
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

  /** One --json line per job; {@code from} is "built-in" or the jar it comes from. */
  record JsonJob(String job, List<String> engines, String description, String from) {}

  private static String engines(Job job) {
    return job.engines().stream().map(Engine::id).sorted().collect(Collectors.joining(","));
  }
}
