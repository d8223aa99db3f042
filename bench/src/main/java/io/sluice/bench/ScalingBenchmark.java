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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The demo pipeline at several sample-data scales (issue 19: scale 100 under 60 s end to end), run
 * as a user runs it: {@code bin/sluice sample-data generate --scale N} into a folder of its own,
 * the shipped {@code sample-data/pipelines/demo.yaml} copied beside it, then {@code bin/sluice demo
 * --pipeline} on that copy, a fresh JVM and a fresh work directory per run. Prints the seconds of
 * every step at every scale (from the pipeline's own {@code [i/n] STEP done: ..., 12.3s} lines),
 * the wall and CPU time of each run, the MiB read, and each scale's ratio against the reference
 * measured in the same run: the smallest scale (by default 1), i.e. what the fixed costs and the
 * data's growth each cost.
 *
 * <pre>
 * bench/run ScalingBenchmark [SCALES] [WORKDIR] [JAVA_OPTS]
 *     (default: 1,20,100 /tmp/sluice-bench-scaling, no variant)
 * </pre>
 *
 * With {@code JAVA_OPTS}, every scale also runs with {@code SLUICE_JAVA_OPTS=JAVA_OPTS} (e.g.
 * {@code -Xmx4g}: the JVM's default compilers instead of the C1 alone {@code bin/sluice} gives
 * {@code demo}), right after the shipped run of the same scale, and gets a table of its own against
 * the same reference.
 *
 * <p>From the repository's root; needs {@code bin/sluice} built and the dynalite server installed
 * (as {@code bin/sluice demo} does on first use). CPU is the process tree's ({@link TimedRun}), so
 * it holds on a loaded machine, where wall times do not.
 */
public final class ScalingBenchmark {

  /** A step's closing line: {@code [4/13] train-churn done: in=... , 52.1s}. */
  private static final Pattern STEP_DONE =
      Pattern.compile("^\\[\\d+/\\d+\\] (\\S+) done: .*, ([\\d.]+)s$", Pattern.MULTILINE);

  private static final double MIB = 1024.0 * 1024.0;

  private ScalingBenchmark() {}

  /** One run of the pipeline: seconds per step (in order), wall and CPU seconds, MiB of input. */
  private record Run(int scale, Map<String, Double> steps, double wall, double cpu, double mib) {}

  /** What a run sets in the environment of {@code bin/sluice}: nothing, or its JVM options. */
  private record Variant(String name, String environment) {}

  public static void main(String[] args) throws Exception {
    BenchArgs a = new BenchArgs(args);
    List<Integer> scales =
        Stream.of(a.text(0, "1,20,100").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    Path work = a.workDir(1, "/tmp/sluice-bench-scaling");
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isExecutable(root.resolve("bin/sluice"))) {
      throw new IllegalStateException("run it from the repository's root: no bin/sluice here");
    }
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("bin/sluice as shipped", ""));
    if (args.length > 2) {
      variants.add(
          new Variant("SLUICE_JAVA_OPTS='" + args[2] + "'", "SLUICE_JAVA_OPTS='" + args[2] + "' "));
    }
    Map<Variant, List<Run>> runs = new LinkedHashMap<>();
    variants.forEach(v -> runs.put(v, new ArrayList<>()));
    for (int scale : scales) {
      Path data = work.resolve("data-" + scale);
      Path pipeline = data.resolve("pipelines/demo.yaml");
      if (!Files.exists(data.resolve("ml/customer-churn.csv"))) {
        bash(
            "bin/sluice sample-data generate --only orders,logs,churn --scale "
                + scale
                + " --out "
                + data,
            work.resolve("generate-" + scale + ".log"));
      }
      Files.createDirectories(pipeline.getParent());
      Files.copy(
          root.resolve("sample-data/pipelines/demo.yaml"),
          pipeline,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      for (Variant v : variants) {
        Path state = work.resolve("demo-" + scale);
        bash("rm -rf " + state, work.resolve("clean.log"));
        System.err.printf(
            Locale.ROOT, "scale %d, %s: running the demo pipeline%n", scale, v.name());
        Path log = work.resolve("demo-" + scale + ".log");
        TimedRun run =
            bash(
                v.environment() + "bin/sluice demo --pipeline " + pipeline + " --workdir " + state,
                log);
        Map<String, Double> steps = new LinkedHashMap<>();
        Matcher m = STEP_DONE.matcher(Files.readString(log));
        while (m.find()) {
          steps.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        runs.get(v)
            .add(
                new Run(scale, steps, run.wallSeconds(), run.cpuSeconds(), inputBytes(data) / MIB));
      }
    }
    Run reference = runs.get(variants.get(0)).get(0);
    for (Variant v : variants) {
      print(v, runs.get(v), reference);
    }
  }

  private static void print(Variant variant, List<Run> runs, Run ref) throws IOException {
    System.out.printf(
        Locale.ROOT,
        "%n%s: the demo pipeline per scale; reference: scale %d as shipped (ratios = seconds /"
            + " its seconds); load average now: %s%n",
        variant.name(),
        ref.scale(),
        Files.readString(Path.of("/proc/loadavg")).trim());
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-18s", "step"));
    for (Run r : runs) {
      header.append(String.format(Locale.ROOT, " %10s %7s", "scale " + r.scale() + " s", "ratio"));
    }
    System.out.println(header);
    for (String step : ref.steps().keySet()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-18s", step));
      double base = ref.steps().get(step);
      for (Run r : runs) {
        double s = r.steps().getOrDefault(step, Double.NaN);
        line.append(String.format(Locale.ROOT, " %10.1f %7s", s, ratio(s, base)));
      }
      System.out.println(line);
    }
    row("sum of steps", runs, ref, r -> r.steps().values().stream().mapToDouble(d -> d).sum());
    row("wall (whole run)", runs, ref, Run::wall);
    row("CPU (user+sys)", runs, ref, Run::cpu);
    row("MiB in", runs, ref, Run::mib);
    StringBuilder rate = new StringBuilder(String.format(Locale.ROOT, "%-18s", "MiB/s (wall)"));
    for (Run r : runs) {
      rate.append(String.format(Locale.ROOT, " %10.2f %7s", r.mib() / r.wall(), ""));
    }
    System.out.println(rate);
  }

  private static void row(
      String name, List<Run> runs, Run ref, java.util.function.ToDoubleFunction<Run> f) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-18s", name));
    double base = f.applyAsDouble(ref);
    for (Run r : runs) {
      double v = f.applyAsDouble(r);
      line.append(String.format(Locale.ROOT, " %10.1f %7s", v, ratio(v, base)));
    }
    System.out.println(line);
  }

  /** {@code value / base} as {@code 2.5x}; "-" where the base is under a tenth of a second. */
  private static String ratio(double value, double base) {
    return base < 0.05 || Double.isNaN(value)
        ? "-"
        : String.format(Locale.ROOT, "%.1fx", value / base);
  }

  /** The bytes the pipeline uploads (etl, logs, ml), as the user's "MiB in". */
  private static long inputBytes(Path data) throws IOException {
    long total = 0;
    for (String dir : List.of("etl", "logs", "ml")) {
      try (Stream<Path> files = Files.walk(data.resolve(dir))) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          total += Files.size(p);
        }
      }
    }
    return total;
  }

  /** Runs {@code command} under bash, timed; its output (stdout and stderr) goes to {@code log}. */
  private static TimedRun bash(String command, Path log) throws IOException, InterruptedException {
    TimedRun run = TimedRun.ofScript(command, log, Duration.ofMinutes(30));
    if (!run.succeeded()) {
      throw new IllegalStateException(command + " failed:\n" + Files.readString(log));
    }
    return run;
  }
}
