package io.sluice.jobs;

import java.util.Collection;
import java.util.Collections;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The jobs found on the classpath through {@link ServiceLoader}, by name. */
public final class JobRegistry {

  private final TreeMap<String, Job> jobs = new TreeMap<>();

  private JobRegistry() {}

  /** Loads every {@link Job} registered with the given class loader. */
  public static JobRegistry load(ClassLoader loader) {
    JobRegistry registry = new JobRegistry();
    for (Job job : ServiceLoader.load(Job.class, loader)) {
      Job previous = registry.jobs.putIfAbsent(job.name(), job);
      if (previous != null && previous.getClass() != job.getClass()) {
        throw new IllegalStateException("two jobs are named '" + job.name() + "': "
            + previous.getClass().getName() + " and " + job.getClass().getName());
      }
    }
    return registry;
  }

  public static JobRegistry load() {
    return load(JobRegistry.class.getClassLoader());
  }

  public Collection<Job> all() {
    return Collections.unmodifiableCollection(jobs.values());
  }

  public Job find(String name) {
    Job job = jobs.get(name);
    if (job == null) {
      throw new UnknownJobException(name, jobs.keySet());
    }
    return job;
  }
}
