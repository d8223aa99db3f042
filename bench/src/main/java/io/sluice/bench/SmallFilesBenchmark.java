package io.sluice.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The small-file penalty (issue 19): every catalog job that reads files, on each engine, over N
 * files (default 1,000) against the same records in one file, in one run. Each run is {@code sluice
 * run JOB} in its own JVM, the command line {@code bin/sluice} starts, so it pays what a user pays.
 * The one-file run is the reference; the ratio is N files / one file. One-file and N-file runs are
 * interleaved, and so are the classpaths when several are given (e.g. main's build against this
 * branch's), so a load change hits them alike. Each run's CPU seconds (user + system, {@link
 * TimedRun}) are compared too: waiting for a core on a shared machine inflates wall times, not CPU
 * times. The outputs of both layouts are compared (concatenated {@code part-*} files; not etl's
 * Parquet, whose file names differ).
 *
 * <pre>
 * bench/run SmallFilesBenchmark [--files 1000] [--bytes 4194304] [--jobs wordcount,logs]
 *     [--engines mapreduce,spark] [--classpath NAME=CP]... [--work /tmp/bench-small-files]
 * </pre>
 *
 * Without --classpath, the jobs run on this JVM's classpath. teragen reads no files and is left
 * out.
 */
public final class SmallFilesBenchmark {

  private static final List<String> JOBS =
      List.of("wordcount", "grep", "logs", "etl", "join", "terasort", "teravalidate");

  private SmallFilesBenchmark() {}

  public static void main(String[] args) throws Exception {
    int files = 1000;
    long bytes = 4L << 20;
    List<String> jobs = JOBS;
    List<String> engines = List.of("mapreduce", "spark");
    Map<String, String> classpaths = new LinkedHashMap<>();
    Path work = Path.of("/tmp/bench-small-files");
    Path jvmOpts = Path.of("cluster-runner/cli/target/sluice.jvmopts");
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(value);
        case "--bytes" -> bytes = Long.parseLong(value);
        case "--jobs" -> jobs = List.of(value.split(","));
        case "--engines" -> engines = List.of(value.split(","));
        case "--work" -> work = Path.of(value);
        case "--jvmopts" -> jvmOpts = Path.of(value);
        case "--classpath" -> {
          int eq = value.indexOf('=');
          classpaths.put(value.substring(0, eq), value.substring(eq + 1));
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (classpaths.isEmpty()) {
      classpaths.put("this", System.getProperty("java.class.path"));
    }
    SmallFilesInputs inputs = new SmallFilesInputs(work.resolve("in"), files, bytes);
    List<String> rows = new ArrayList<>();
    for (String job : jobs) {
      List<String> args1 = inputs.write(job, false);
      List<String> argsN = inputs.write(job, true);
      for (String engine : engines) {
        for (Map.Entry<String, String> cp : classpaths.entrySet()) {
          String name = cp.getKey() + "-" + job + "-" + engine;
          Path out1 = work.resolve("out").resolve(name + "-one");
          Path outN = work.resolve("out").resolve(name + "-many");
          TimedRun oneRun = run(cp.getValue(), jvmOpts, job, engine, args1, out1);
          TimedRun manyRun = run(cp.getValue(), jvmOpts, job, engine, argsN, outN);
          double one = oneRun == null ? Double.NaN : oneRun.wallSeconds();
          double many = manyRun == null ? Double.NaN : manyRun.wallSeconds();
          double oneCpu = oneRun == null ? Double.NaN : oneRun.cpuSeconds();
          double manyCpu = manyRun == null ? Double.NaN : manyRun.cpuSeconds();
          String same =
              oneRun == null || manyRun == null
                  ? "FAILED, see " + out1 + ".log / " + outN + ".log"
                  : job.equals("etl")
                      ? "n/a"
                      : Arrays.equals(
                              PartFiles.concatenatedUnder(out1), PartFiles.concatenatedUnder(outN))
                          + "";
          String row =
              String.format(
                  Locale.ROOT,
                  "%-8s %-13s %-10s %10.1f %10.1f %7.2fx %8.1f %8.1f %7.2fx %5.1f %s",
                  cp.getKey(),
                  job,
                  engine,
                  one,
                  many,
                  many / one,
                  oneCpu,
                  manyCpu,
                  manyCpu / oneCpu,
                  loadAverage(),
                  same);
          System.err.println(row);
          rows.add(row);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d files vs 1 file, %.1f MiB, load average at the end %.1f%n",
        files,
        bytes / 1048576.0,
        loadAverage());
    System.out.printf(
        Locale.ROOT,
        "%-8s %-13s %-10s %10s %10s %8s %8s %8s %8s %5s %s%n",
        "build",
        "job",
        "engine",
        "one file s",
        "N files s",
        "ratio",
        "one CPU",
        "N CPU",
        "CPU ratio",
        "load",
        "same output");
    rows.forEach(System.out::println);
  }

  /** The system's load average over the last minute, printed beside each pair of runs. */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * Wall and CPU seconds of {@code sluice run JOB} in a new JVM, as bin/sluice starts it; null when
   * it fails (the table says so and the other rows still run).
   */
  private static TimedRun run(
      String classpath, Path jvmOpts, String job, String engine, List<String> jobArgs, Path output)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + jvmOpts.toAbsolutePath());
    command.addAll(List.of("-cp", classpath, "io.sluice.runner.SluiceCli", "run", job));
    command.addAll(List.of("--engine", engine, "--overwrite", "--output", output.toString()));
    command.addAll(jobArgs);
    Path log = Path.of(output + ".log");
    TimedRun run =
        TimedRun.of(command, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), log, Duration.ofMinutes(30));
    if (!run.succeeded()) {
      System.err.println("sluice run " + job + " --engine " + engine + " failed; see " + log);
      return null;
    }
    return run;
  }

  /** Deterministic inputs of about the same bytes, as one file or split into N files. */
  static final class SmallFilesInputs {
    private final Path root;
    private final int files;
    private final long bytes;

    SmallFilesInputs(Path root, int files, long bytes) {
      this.root = root;
      this.files = files;
      this.bytes = bytes;
    }

    /** Writes the job's input (once) and returns its input options. */
    List<String> write(String job, boolean many) throws IOException {
      Path dir = root.resolve(job).resolve(many ? "many" : "one");
      return switch (job) {
        case "wordcount" -> List.of("--input", text(dir, many, words(new Random(1)), null));
        case "grep" ->
            List.of(
                "--input", text(dir, many, words(new Random(2)), null), "--pattern", "w[0-9]*7");
        case "logs" -> List.of("--input", text(dir, many, logLines(), null));
        case "etl" ->
            List.of(
                "--input",
                text(dir, many, orders(), "order_id,customer,amount,order_date"),
                "--schema",
                schema().toString());
        case "join" ->
            List.of(
                "--left",
                text(dir.resolve("left"), many, keyed(), null),
                "--left-key",
                "1",
                "--right",
                text(dir.resolve("right"), false, customers(), null),
                "--right-key",
                "1");
        case "terasort" -> List.of("--input", tera(dir, many, false));
        case "teravalidate" -> List.of("--input", tera(dir, many, true));
        default -> throw new IllegalArgumentException("no input for job " + job);
      };
    }

    private String text(Path dir, boolean many, List<String> lines, String header)
        throws IOException {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        int count = many ? files : 1;
        for (int f = 0; f < count; f++) {
          List<String> chunk =
              lines.subList(
                  (int) ((long) lines.size() * f / count),
                  (int) ((long) lines.size() * (f + 1) / count));
          StringBuilder text = new StringBuilder();
          if (header != null) {
            text.append(header).append('\n');
          }
          chunk.forEach(line -> text.append(line).append('\n'));
          Files.writeString(dir.resolve(String.format("f%05d.txt", f)), text);
        }
      }
      return dir.toString();
    }

    private String tera(Path dir, boolean many, boolean sorted) throws IOException {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        int records = (int) (bytes / 100);
        Random random = new Random(3);
        byte[][] rows = new byte[records][];
        for (int r = 0; r < records; r++) {
          rows[r] = new byte[100];
          for (int b = 0; b < 98; b++) {
            rows[r][b] = (byte) (' ' + random.nextInt(95));
          }
          rows[r][98] = '\r';
          rows[r][99] = '\n';
        }
        if (sorted) {
          Arrays.sort(rows, (a, b) -> Arrays.compareUnsigned(a, 0, 10, b, 0, 10));
        }
        int count = many ? files : 1;
        for (int f = 0; f < count; f++) {
          ByteArrayOutputStream chunk = new ByteArrayOutputStream();
          for (int r = (int) ((long) records * f / count);
              r < (int) ((long) records * (f + 1) / count);
              r++) {
            chunk.write(rows[r]);
          }
          Files.write(dir.resolve(String.format("part-%05d", f)), chunk.toByteArray());
        }
      }
      return dir.toString();
    }

    private List<String> words(Random random) {
      List<String> lines = new ArrayList<>();
      long total = 0;
      while (total < bytes) {
        StringBuilder line = new StringBuilder();
        for (int w = 0; w < 8; w++) {
          line.append(w == 0 ? "" : " ").append('w').append(random.nextInt(5000));
        }
        lines.add(line.toString());
        total += line.length() + 1;
      }
      return lines;
    }

    private List<String> logLines() {
      String[] agents = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/122",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) Safari/605",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/122"
      };
      Random random = new Random(4);
      List<String> lines = new ArrayList<>();
      long total = 0;
      while (total < bytes) {
        String line =
            String.format(
                Locale.ROOT,
                "203.0.113.%d - - [%02d/Mar/2024:%02d:%02d:00 +0000] \"GET /p/%d HTTP/1.1\" %d %d"
                    + " \"https://example.com/\" \"%s\"",
                random.nextInt(255),
                1 + random.nextInt(28),
                random.nextInt(24),
                random.nextInt(60),
                random.nextInt(500),
                random.nextInt(10) == 0 ? 404 : 200,
                random.nextInt(100_000),
                agents[random.nextInt(agents.length)]);
        lines.add(line);
        total += line.length() + 1;
      }
      return lines;
    }

    private List<String> orders() {
      Random random = new Random(5);
      List<String> lines = new ArrayList<>();
      long total = 0;
      for (int id = 0; total < bytes; id++) {
        String line =
            String.format(
                Locale.ROOT,
                "%d,C%07d,%d.%02d,2024-03-%02d",
                id,
                random.nextInt(10_000),
                random.nextInt(1000),
                random.nextInt(100),
                1 + random.nextInt(5));
        lines.add(line);
        total += line.length() + 1;
      }
      return lines;
    }

    private Path schema() throws IOException {
      Path schema = root.resolve("orders.schema.yaml");
      Files.createDirectories(root);
      Files.writeString(
          schema,
          String.join(
              "\n",
              "fields:",
              "  - {name: order_id, type: long, nullable: false}",
              "  - {name: customer, type: string}",
              "  - {name: amount, type: double}",
              "  - {name: order_date, type: date, nullable: false}",
              "key: [order_id]",
              "partitionBy: order_date",
              ""));
      return schema;
    }

    private List<String> keyed() {
      Random random = new Random(6);
      List<String> lines = new ArrayList<>();
      long total = 0;
      for (int id = 0; total < bytes; id++) {
        String line = String.format(Locale.ROOT, "C%04d,%d,%d", random.nextInt(2000), id, id * 7);
        lines.add(line);
        total += line.length() + 1;
      }
      return lines;
    }

    private List<String> customers() {
      List<String> lines = new ArrayList<>();
      for (int c = 0; c < 2000; c += 2) {
        lines.add(String.format(Locale.ROOT, "C%04d,customer %d", c, c));
      }
      return lines;
    }
  }
}
