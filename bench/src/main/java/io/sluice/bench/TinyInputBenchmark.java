package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spark's fixed cost on small inputs (issue 19): each catalog job on Spark and on MapReduce's local
 * runner, at each input size, through {@code bin/sluice run} of one or more builds (e.g. main's
 * clone against this branch), all interleaved round by round so a load change hits every variant
 * alike. Prints, per build, job and size, the median wall and CPU (user + system of the process
 * tree, {@link TimedRun}) of each engine and Spark's ratio to MapReduce measured in the same
 * rounds; and whether each build's output equals the first build's (concatenated {@code part-*}
 * files; etl's Parquet by its rows, through DuckDB).
 *
 * <pre>
 * bench/run TinyInputBenchmark [--rounds 3] [--bytes 100,10485760] [--jobs wordcount,grep,...]
 *     [--engines spark,mapreduce] [--root NAME=DIR]... [--work /tmp/bench-tiny-input]
 * </pre>
 *
 * Without --root, the build is this repository ({@code .}). Inputs are SmallFilesBenchmark's, in
 * one file.
 */
public final class TinyInputBenchmark {

  private static final List<String> JOBS =
      List.of("wordcount", "grep", "logs", "etl", "join", "terasort");

  private TinyInputBenchmark() {}

  /** One build, job, size and engine: its measurements and its last output. */
  private record Variant(String build, String job, long bytes, String engine) {
    String name() {
      return build + "-" + job + "-" + bytes + "-" + engine;
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = 3;
    List<Long> sizes = List.of(100L, 10L << 20);
    List<String> jobs = JOBS;
    List<String> engines = List.of("spark", "mapreduce");
    Map<String, Path> roots = new LinkedHashMap<>();
    Path work = Path.of("/tmp/bench-tiny-input");
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--bytes" -> sizes = Arrays.stream(value.split(",")).map(Long::valueOf).toList();
        case "--jobs" -> jobs = List.of(value.split(","));
        case "--engines" -> engines = List.of(value.split(","));
        case "--work" -> work = Path.of(value);
        case "--root" -> {
          int eq = value.indexOf('=');
          roots.put(value.substring(0, eq), Path.of(value.substring(eq + 1)).toAbsolutePath());
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (roots.isEmpty()) {
      roots.put("this", Path.of("").toAbsolutePath());
    }
    Map<Variant, List<double[]>> times = new LinkedHashMap<>();
    Map<Variant, List<String>> jobArgs = new LinkedHashMap<>();
    for (long bytes : sizes) {
      SmallFilesBenchmark.SmallFilesInputs inputs =
          new SmallFilesBenchmark.SmallFilesInputs(work.resolve("in-" + bytes), 1, bytes);
      for (String job : jobs) {
        List<String> input = inputs.write(job, false);
        for (String build : roots.keySet()) {
          for (String engine : engines) {
            Variant v = new Variant(build, job, bytes, engine);
            times.put(v, new ArrayList<>());
            jobArgs.put(v, input);
          }
        }
      }
    }
    for (int round = 0; round < rounds; round++) {
      for (Variant v : times.keySet()) {
        double[] t = run(roots.get(v.build()), v, jobArgs.get(v), work.resolve("out"));
        System.err.printf(
            Locale.ROOT, "round %d %-40s wall %6.2f s cpu %6.2f s%n", round, v.name(), t[0], t[1]);
        times.get(v).add(t);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "median of %d interleaved rounds, load average at the end %.1f%n",
        rounds,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(
        Locale.ROOT,
        "%-8s %-10s %10s %9s %9s %9s %9s %11s %10s %s%n",
        "build",
        "job",
        "bytes",
        "spark w",
        "spark cpu",
        "mr w",
        "mr cpu",
        "spark/mr w",
        "cpu ratio",
        "output as " + roots.keySet().iterator().next());
    String reference = roots.keySet().iterator().next();
    for (long bytes : sizes) {
      for (String job : jobs) {
        for (String build : roots.keySet()) {
          double[] spark = median(times.get(new Variant(build, job, bytes, "spark")));
          double[] mr = median(times.get(new Variant(build, job, bytes, "mapreduce")));
          StringBuilder same = new StringBuilder();
          for (String engine : engines) {
            Path out = work.resolve("out").resolve(new Variant(build, job, bytes, engine).name());
            Path ref =
                work.resolve("out").resolve(new Variant(reference, job, bytes, engine).name());
            same.append(engine).append('=').append(sameOutput(job, ref, out)).append(' ');
          }
          System.out.printf(
              Locale.ROOT,
              "%-8s %-10s %10d %9.2f %9.2f %9.2f %9.2f %10.2fx %9.2fx %s%n",
              build,
              job,
              bytes,
              spark[0],
              spark[1],
              mr[0],
              mr[1],
              spark[0] / mr[0],
              spark[1] / mr[1],
              same.toString().trim());
        }
      }
    }
  }

  /** Wall and CPU seconds of {@code ROOT/bin/sluice run JOB}; NaN when it fails. */
  private static double[] run(Path root, Variant v, List<String> jobArgs, Path outputs)
      throws IOException, InterruptedException {
    Path output = outputs.resolve(v.name());
    Path log = outputs.resolve(v.name() + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                // The build's own JVM options, not the caller's.
                "env",
                "-u",
                "SLUICE_JAVA_OPTS",
                root.resolve("bin/sluice").toString(),
                "run",
                v.job(),
                "--engine",
                v.engine(),
                "--overwrite",
                "--output",
                output.toString()));
    command.addAll(jobArgs);
    TimedRun run = TimedRun.of(command, Map.of(), log, Duration.ofMinutes(30));
    if (!run.succeeded()) {
      System.err.println("sluice run " + v.name() + " failed; see " + log);
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {run.wallSeconds(), run.cpuSeconds()};
  }

  private static double[] median(List<double[]> runs) {
    if (runs == null) {
      return new double[] {Double.NaN, Double.NaN}; // an engine left out with --engines
    }
    double[] result = new double[2];
    for (int i = 0; i < 2; i++) {
      int column = i;
      double[] sorted = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
      result[i] = sorted[sorted.length / 2];
    }
    return result;
  }

  private static String sameOutput(String job, Path reference, Path output) throws Exception {
    if (!Files.isDirectory(reference) || !Files.isDirectory(output)) {
      return "missing";
    }
    if (job.equals("etl")) {
      return Boolean.toString(parquetRows(reference).equals(parquetRows(output)));
    }
    return Boolean.toString(
        Arrays.equals(PartFiles.concatenatedUnder(reference), PartFiles.concatenatedUnder(output)));
  }

  /** The rows of every Parquet file under a directory (partition columns included), sorted. */
  private static List<String> parquetRows(Path directory) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT * FROM read_parquet('"
                    + directory.resolve("**").resolve("*.parquet")
                    + "', hive_partitioning = true) ORDER BY ALL")) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(result.getString(c)).append('\u0001');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
