package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long short {@code bin/sluice} commands take to start and finish (issue 19: {@code sluice
 * jobs} under 0.5 s), wall clock and CPU (user + system of the process tree), the median of several
 * runs each, against two references measured in the same run: {@code java -version} (the JVM's
 * floor) and a hello-world main on the CLI's flags and classpath (what any command of this JVM pays
 * before its own code). {@code sluice jobs} is also run with the JVM's default compilers (C1 and
 * C2, as before issue 19), to show what C1 alone buys.
 *
 * <pre>bench/run StartupBenchmark [RUNS]   (from the repository's root; default 7 runs)</pre>
 *
 * Needs {@code bin/sluice} built (it builds itself on first use). CPU is the process tree's ({@link
 * TimedRun}), so the figures hold on a loaded machine, where wall times do not.
 */
public final class StartupBenchmark {

  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path root = Path.of("").toAbsolutePath();
    Path cli = root.resolve("cluster-runner/cli/target");
    if (!Files.isExecutable(root.resolve("bin/sluice"))) {
      throw new IllegalStateException("run it from the repository's root: no bin/sluice here");
    }
    // Built first (on a fresh clone), so the runs below measure start-up only.
    measure(1, "bin/sluice --version", "");
    String helloClasspath =
        root.resolve("bench/target/classes")
            + ":"
            + cli.resolve("classes")
            + ":"
            + Files.readString(cli.resolve("runtime-classpath.txt")).trim();

    Map<String, double[]> results = new LinkedHashMap<>();
    results.put("java -version", measure(runs, "java -version", ""));
    results.put(
        "hello JVM (CLI flags, classpath)",
        measure(
            runs,
            "java -Xmx4g -XX:TieredStopAtLevel=1 @"
                + cli.resolve("sluice.jvmopts")
                + " -cp "
                + helloClasspath
                // Quoted: the nested class's $ is no shell variable.
                + " '"
                + Hello.class.getName()
                + "'",
            ""));
    results.put("sluice jobs", measure(runs, "bin/sluice jobs", ""));
    results.put("sluice jobs --json", measure(runs, "bin/sluice jobs --json", ""));
    results.put("sluice --version", measure(runs, "bin/sluice --version", ""));
    results.put("sluice --help", measure(runs, "bin/sluice --help", ""));
    results.put("sluice run --help", measure(runs, "bin/sluice run --help", ""));
    results.put(
        "sluice jobs, C1+C2 (the JVM default)",
        measure(runs, "bin/sluice jobs", "SLUICE_JAVA_OPTS=-Xmx4g "));

    double[] floor = results.get("java -version");
    double[] hello = results.get("hello JVM (CLI flags, classpath)");
    System.out.printf(
        Locale.ROOT,
        "%n%d runs each, medians; load average at the end: %s%n",
        runs,
        Files.readString(Path.of("/proc/loadavg")).trim());
    System.out.printf(
        Locale.ROOT,
        "%-38s %8s %8s %12s %12s%n",
        "command",
        "wall s",
        "CPU s",
        "CPU vs java",
        "CPU vs hello");
    for (Map.Entry<String, double[]> e : results.entrySet()) {
      double[] r = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-38s %8.2f %8.2f %11.1fx %11.2fx%n",
          e.getKey(),
          r[0],
          r[1],
          r[1] / floor[1],
          r[1] / hello[1]);
    }
  }

  /** The median wall and CPU seconds of {@code runs} runs of {@code command} under bash. */
  private static double[] measure(int runs, String command, String environment)
      throws IOException, InterruptedException {
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    Path log = Files.createTempFile("sluice-startup-", ".log");
    for (int i = 0; i < runs; i++) {
      TimedRun run = TimedRun.ofScript(environment + command, log, Duration.ofMinutes(5));
      if (!run.succeeded()) {
        throw new IllegalStateException(command + " failed: " + Files.readString(log));
      }
      wall.add(run.wallSeconds());
      cpu.add(run.cpuSeconds());
    }
    Files.delete(log);
    return new double[] {median(wall), median(cpu)};
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The reference: a main that prints one line, on the CLI's JVM flags and classpath. */
  public static final class Hello {
    private Hello() {}

    public static void main(String[] args) {
      System.out.println("hello");
    }
  }
}
