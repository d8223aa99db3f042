package io.sluice.jobs;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The jobs found through {@link ServiceLoader} ({@code META-INF/services/io.sluice.jobs.Job}), by
 * name: the built-in ones of a class loader and, optionally, those of a user's jars, loaded through
 * a child-first loader ({@link UserJars}) whose parent is the built-in one. Every job knows where
 * it came from; two jobs of the same name are an error naming both.
 */
public final class JobRegistry {

  /** How {@link #origin} names a job that is not from a user's jar. */
  public static final String BUILT_IN = "built-in";

  private final TreeMap<String, Job> jobs = new TreeMap<>();
  private final Map<String, Path> jars = new HashMap<>();
  private final UserJars userJars;

  private JobRegistry(UserJars userJars) {
    this.userJars = userJars;
  }

  /** Loads every {@link Job} registered with the given class loader. */
  public static JobRegistry load(ClassLoader loader) {
    JobRegistry registry = new JobRegistry(UserJars.none());
    registry.addBuiltIn(loader);
    return registry;
  }

  public static JobRegistry load() {
    return load(JobRegistry.class.getClassLoader());
  }

  /**
   * The built-in jobs of {@code builtIn} and the jobs of the user's jars, loaded child-first on top
   * of it.
   *
   * @throws UserJarException when a jar is missing or not a jar, when none of the jars registers a
   *     job (naming the services file they need), or when a registered job cannot be loaded
   * @throws JobNameClashException when two jobs have the same name (naming both classes and their
   *     jars)
   */
  public static JobRegistry load(ClassLoader builtIn, List<Path> userJars) {
    UserJars jars = UserJars.open(builtIn, userJars);
    JobRegistry registry = new JobRegistry(jars);
    registry.addBuiltIn(builtIn);
    if (jars.isEmpty()) {
      return registry;
    }
    ClassLoader loader = jars.loader().orElseThrow();
    int found = 0;
    try {
      for (ServiceLoader.Provider<Job> provider :
          ServiceLoader.load(Job.class, loader).stream().toList()) {
        Class<? extends Job> type = provider.type();
        if (!jars.defined(type)) {
          continue; // a built-in job named again by a jar (a fat jar holding sluice-jobs):
          // registered already
        }
        Job job;
        try {
          job = provider.get();
        } catch (ServiceConfigurationError | LinkageError e) {
          throw new UserJarException(
              "cannot create job "
                  + type.getName()
                  + " of "
                  + jars.jarOf(type).orElse(null)
                  + " (it needs a public no-argument constructor and every class it uses): "
                  + rootMessage(e),
              e);
        }
        registry.add(job, jars.jarOf(type).orElse(null));
        found++;
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new UserJarException(
          "cannot load the jobs listed in "
              + UserJars.SERVICES_FILE
              + " of "
              + jars
              + ": "
              + rootMessage(e),
          e);
    }
    if (found == 0) {
      throw new UserJarException(
          (jars.jars().size() == 1
                  ? "jar " + jars + " has no jobs"
                  : "none of the jars " + jars + " has jobs")
              + ": a job jar lists its Job classes, one per line, in "
              + UserJars.SERVICES_FILE);
    }
    return registry;
  }

  /**
   * The jobs a cluster entry point ({@code spark-submit}, {@code hadoop jar}) can see: those of the
   * thread's context class loader, which holds the application jar and the {@code --jars} / {@code
   * -libjars}, when it shares the {@link Job} contract; else those of this class's loader.
   */
  public static JobRegistry loadFromContext() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      try {
        if (Class.forName(Job.class.getName(), false, context) == Job.class) {
          return load(context);
        }
      } catch (ClassNotFoundException e) {
        // a context loader that cannot see the contract: fall back to ours
      }
    }
    return load();
  }

  private void addBuiltIn(ClassLoader loader) {
    for (Job job : ServiceLoader.load(Job.class, loader)) {
      add(job, null);
    }
  }

  private void add(Job job, Path jar) {
    Job previous = jobs.putIfAbsent(job.name(), job);
    if (previous == null) {
      if (jar != null) {
        jars.put(job.name(), jar);
      }
    } else if (previous.getClass() != job.getClass()) {
      throw new JobNameClashException(
          job.name(),
          previous.getClass(),
          describe(jars.get(job.name())),
          job.getClass(),
          describe(jar));
    }
  }

  private static String describe(Path jar) {
    return jar == null ? BUILT_IN : "from " + jar;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root == e
            ? String.valueOf(e.getMessage())
            : root.getClass().getSimpleName() + ": " + root.getMessage();
    return message.lines().findFirst().orElse("");
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

  /** The user jar a job was loaded from; empty for a built-in job. */
  public Optional<Path> jarOf(String name) {
    find(name);
    return Optional.ofNullable(jars.get(name));
  }

  /** Where a job comes from, for people: {@value #BUILT_IN} or its jar's path. */
  public String origin(String name) {
    return jarOf(name).map(Path::toString).orElse(BUILT_IN);
  }

  /**
   * The user's jars this registry loaded (jobs and libraries), absolute, in the order given; empty
   * if none.
   */
  public List<Path> userJars() {
    return userJars.jars();
  }

  /** The loader of the user's jars, if any: the one jobs from them run under. */
  public Optional<ClassLoader> userClassLoader() {
    return userJars.loader();
  }
}
