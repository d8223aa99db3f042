package io.sluice.bench;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.examples.terasort.TeraChecksum;
import org.apache.hadoop.examples.terasort.TeraSort;
import org.apache.hadoop.examples.terasort.TeraValidate;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * TeraSort on one machine: Hadoop's example TeraSort (local job runner, the reference) against
 * Sluice's terasort on Spark ({@code local[*]}) and on MapReduce (the same local runner), on data
 * from Sluice's teragen. Every output must pass Hadoop's TeraValidate with the input's checksum.
 * Not a test: run it by hand.
 *
 * <pre>
 * bench/run TeraSortBenchmark [rows=10000000] [workdir=target/bench-terasort] [partitions=4] [runs=hadoop,spark,mapreduce]
 * </pre>
 *
 * <p>{@code runs} picks some of the three sorts while iterating; a recorded figure runs all three.
 */
public final class TeraSortBenchmark {

  private static final String REFERENCE = "Hadoop example TeraSort (MapReduce local)";
  private static final String SPARK = "Sluice terasort (Spark local[*])";
  private static final String MAPREDUCE = "Sluice terasort (MapReduce local)";

  private final Map<String, Double> seconds = new LinkedHashMap<>();

  /**
   * CPU seconds of this JVM's threads per run: less swayed than wall time by other load on the
   * machine.
   */
  private final Map<String, Double> cpuSeconds = new LinkedHashMap<>();

  private TeraSortBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
    Path work = Path.of(args.length > 1 ? args[1] : "target/bench-terasort").toAbsolutePath();
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Set<String> runs = Set.of((args.length > 3 ? args[3] : "hadoop,spark,mapreduce").split(","));
    new TeraSortBenchmark().run(rows, work, partitions, runs);
  }

  private void run(long rows, Path work, int partitions, Set<String> runs) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "TeraSort benchmark: %,d rows (%.2f GB), %d partitions, %d cores, in %s%n",
        rows,
        rows * 100 / 1e9,
        partitions,
        cores,
        work);
    Files.createDirectories(work);
    Path input = work.resolve("teragen-" + rows);
    for (String out :
        List.of(
            "hadoop-terasort",
            "sluice-spark",
            "sluice-mapreduce",
            "checksum",
            "validate-hadoop-terasort",
            "validate-sluice-spark",
            "validate-sluice-mapreduce")) {
      FileUtil.fullyDelete(work.resolve(out).toFile());
    }

    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    // Both MapReduce sorts get the same local-runner parallelism: one map and one reduce per core.
    conf.setInt("mapreduce.local.map.tasks.maximum", cores);
    conf.setInt("mapreduce.local.reduce.tasks.maximum", cores);
    conf.setInt("mapreduce.job.reduces", partitions);

    JobRunner runner = new JobRunner(JobRegistry.load());
    String checksum;
    try (EngineContext spark =
            EngineContext.builder()
                .hadoopConf(conf)
                .sparkMaster("local[*]")
                .sparkConf("spark.ui.enabled", "false")
                .sparkConf("spark.driver.host", "127.0.0.1")
                .sparkConf("spark.driver.bindAddress", "127.0.0.1")
                .build();
        EngineContext mapReduce = EngineContext.builder().hadoopConf(conf).build()) {
      spark.spark().sparkContext().setLogLevel("WARN"); // start-up is not part of any timed run
      Configurator.setLevel("io.sluice.jobs.tera", Level.INFO); // the sorts' phase times
      Configurator.setLevel("org.apache.spark.scheduler.DAGScheduler", Level.INFO); // stage times

      if (!Files.exists(input.resolve("_SUCCESS"))) {
        System.out.printf(
            Locale.ROOT, "generating the input with Sluice teragen (Spark local[*]) ...%n");
        long start = System.nanoTime();
        runner.run(
            "teragen",
            Engine.SPARK,
            Map.of(
                "rows",
                Long.toString(rows),
                "output",
                input.toString(),
                "partitions",
                Integer.toString(cores)),
            spark);
        System.out.printf(
            Locale.ROOT, "  teragen: %.1f s (not compared)%n", (System.nanoTime() - start) / 1e9);
      }
      checksum = hadoopTeraChecksum(conf, input, work.resolve("checksum"));
      System.out.println("input checksum (Hadoop's TeraChecksum): " + checksum);

      if (runs.contains("hadoop")) {
        time(
            REFERENCE,
            () ->
                tool(
                    conf,
                    new TeraSort(),
                    input.toString(),
                    work.resolve("hadoop-terasort").toString()));
      }
      if (runs.contains("spark")) {
        time(
            SPARK,
            () ->
                runner.run(
                    "terasort",
                    Engine.SPARK,
                    Map.of(
                        "input",
                        input.toString(),
                        "output",
                        work.resolve("sluice-spark").toString(),
                        "partitions",
                        Integer.toString(partitions)),
                    spark));
      }
      if (runs.contains("mapreduce")) {
        time(
            MAPREDUCE,
            () ->
                runner.run(
                    "terasort",
                    Engine.MAPREDUCE,
                    Map.of(
                        "input",
                        input.toString(),
                        "output",
                        work.resolve("sluice-mapreduce").toString(),
                        "partitions",
                        Integer.toString(partitions)),
                    mapReduce));
      }
    }

    String expectedDigest = null;
    for (String out : List.of("hadoop-terasort", "sluice-spark", "sluice-mapreduce")) {
      if (!Files.exists(work.resolve(out))) {
        continue; // not run this time
      }
      List<String> report =
          hadoopTeraValidate(conf, work.resolve(out), work.resolve("validate-" + out));
      if (report.stream().anyMatch(l -> l.startsWith("error"))
          || !report.contains("checksum\t" + checksum)) {
        throw new IllegalStateException(out + " failed Hadoop's TeraValidate: " + report);
      }
      String digest = PartFiles.digest(work.resolve(out));
      if (expectedDigest != null && !expectedDigest.equals(digest)) {
        // Random 10-byte keys are distinct, so every correct sort writes the same bytes.
        throw new IllegalStateException(out + " output differs from Hadoop's TeraSort: " + digest);
      }
      expectedDigest = digest;
    }
    System.out.printf(
        Locale.ROOT,
        "%nall outputs pass Hadoop's TeraValidate (checksum %s) and are"
            + " byte-identical (sha256 %s)%n",
        checksum,
        expectedDigest.substring(0, 16));
    printRatios(rows * 100);
  }

  private static String hadoopTeraChecksum(Configuration conf, Path input, Path output)
      throws Exception {
    tool(conf, new TeraChecksum(), input.toString(), output.toString());
    return Files.readString(output.resolve("part-r-00000"), StandardCharsets.UTF_8).trim();
  }

  private static List<String> hadoopTeraValidate(Configuration conf, Path input, Path output)
      throws Exception {
    tool(conf, new TeraValidate(), input.toString(), output.toString());
    return Files.readAllLines(output.resolve("part-r-00000"), StandardCharsets.UTF_8);
  }

  private static Void tool(Configuration conf, Tool tool, String... args) throws Exception {
    if (ToolRunner.run(new Configuration(conf), tool, args) != 0) {
      throw new IllegalStateException(
          tool.getClass().getSimpleName() + " failed: " + String.join(" ", args));
    }
    return null;
  }

  private <T> void time(String name, Callable<T> run) throws Exception {
    System.out.printf(Locale.ROOT, "running %s ...%n", name);
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    run.call();
    double s = (System.nanoTime() - start) / 1e9;
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    seconds.put(name, s);
    cpuSeconds.put(name, cpu);
    System.out.printf(Locale.ROOT, "  %s: %.1f s (%.1f CPU s)%n", name, s, cpu);
  }

  private void printRatios(long inputBytes) {
    double reference = seconds.getOrDefault(REFERENCE, Double.NaN);
    double cpuReference = cpuSeconds.getOrDefault(REFERENCE, Double.NaN);
    System.out.printf(
        Locale.ROOT,
        "%n%-48s %9s %9s %14s %9s %14s%n",
        "run",
        "seconds",
        "MiB/s",
        "vs Hadoop's",
        "CPU s",
        "CPU vs Hadoop's");
    seconds.forEach(
        (name, s) ->
            System.out.printf(
                Locale.ROOT,
                "%-48s %9.1f %9.1f %13.2fx %9.1f %13.2fx%n",
                name,
                s,
                inputBytes / 1048576.0 / s,
                s / reference,
                cpuSeconds.get(name),
                cpuSeconds.get(name) / cpuReference));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
