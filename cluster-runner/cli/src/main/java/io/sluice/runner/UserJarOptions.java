package io.sluice.runner;

import io.sluice.jobs.JobRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --jar PATH} (repeatable) and {@code SLUICE_JARS} (colon-separated): a user's jars with
 * jobs (and the libraries they need), for every command that deals with jobs. Both combine: the
 * {@code --jar} ones first, then those of the variable.
 *
 * <p>{@code sluice run} builds one subcommand per job before parsing, so {@link SluiceCli} finds
 * its {@code --jar} values by {@link #scanRun scanning the arguments} first; the other commands
 * read the option when they run.
 */
public final class UserJarOptions {

  /** The environment variable of users' jars. */
  public static final String ENV = "SLUICE_JARS";

  public static final String OPTION = "--jar";
  static final String DESCRIPTION =
      "a jar with your jobs (registered in META-INF/services/io.sluice.jobs.Job) or a"
          + " library they need; repeatable, before the job name; added to $"
          + ENV
          + " (colon-separated)";

  @Option(names = OPTION, paramLabel = "JAR", description = DESCRIPTION)
  List<Path> jars = new ArrayList<>();

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** The jars of the option and of {@code SLUICE_JARS}. */
  public List<Path> paths() {
    return combine(jars, environment());
  }

  /** The built-in jobs and those of {@link #paths()}. */
  public JobRegistry registry() {
    return registry(paths());
  }

  /** The built-in jobs and the jobs of {@code jars}. */
  public static JobRegistry registry(List<Path> jars) {
    return JobRegistry.load(JobRegistry.class.getClassLoader(), jars);
  }

  /** The environment of the command line this option belongs to (tests give their own). */
  private Map<String, String> environment() {
    if (mixee != null && mixee.root().userObject() instanceof SluiceCli cli) {
      return cli.environment;
    }
    return System.getenv();
  }

  /** {@code --jar} values first, then the entries of {@code SLUICE_JARS} in {@code env}. */
  public static List<Path> combine(List<Path> options, Map<String, String> env) {
    List<Path> all = new ArrayList<>(options);
    String variable = env.get(ENV);
    if (variable != null) {
      for (String entry : variable.split(":")) {
        if (!entry.isBlank()) {
          all.add(Path.of(entry.strip()));
        }
      }
    }
    return all;
  }

  /**
   * The {@code --jar} values of {@code sluice run --jar J ... JOB ...}: those between {@code run}
   * and the job's name (the first argument that is neither an option nor a --jar value). Empty for
   * other commands.
   */
  static List<Path> scanRun(String[] args) {
    List<Path> found = new ArrayList<>();
    int i = 0;
    while (i < args.length && args[i].startsWith("-")) {
      i++; // sluice's own options (--help, --version) take no value
    }
    if (i >= args.length || !args[i].equals("run")) {
      return found;
    }
    for (i++; i < args.length; i++) {
      String a = args[i];
      if (a.equals(OPTION) && i + 1 < args.length) {
        found.add(Path.of(args[++i]));
      } else if (a.startsWith(OPTION + "=")) {
        found.add(Path.of(a.substring(OPTION.length() + 1)));
      } else if (!a.startsWith("-") || a.equals("--")) {
        break; // the job's name: what follows is the job's own options
      }
    }
    return found;
  }

  /**
   * Whether the command line is {@code sluice run ...}, whose subcommands need the user's jobs at
   * start-up.
   */
  static boolean isRun(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return a.equals("run");
      }
    }
    return false;
  }
}
