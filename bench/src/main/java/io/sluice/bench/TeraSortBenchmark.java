package io.sluice.bench;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * TeraSort on one machine against its plain-Java floor ({@link TeraSortFloor}: read all, sort on
 * every core, write), measured in interleaved rounds: Sluice's terasort on Spark ({@code local[*]})
 * in this JVM, and {@code bin/sluice run terasort --engine spark} in a fresh JVM as a user starts
 * it. Hadoop's example TeraSort and Sluice's MapReduce terasort (local runner) can run once beside
 * them. The floor's output must pass Hadoop's TeraValidate with the input's checksum and every
 * other output must be byte-identical to it. Not a test: run it by hand.
 *
 * <pre>
 * bench/run TeraSortBenchmark [rows=10000000] [workdir=target/bench-terasort] [partitions=4]
 *     [runs=floor,spark,cli] [rounds=3]
 * </pre>
 *
 * <p>{@code runs} may add {@code hadoop} and {@code mapreduce}. {@code -Dbench.sluice=PATH} picks
 * the {@code bin/sluice} that {@code cli} starts; {@code -Dbench.sluice.reference=PATH} adds
 * another build's {@code bin/sluice} (e.g. main's), run right after it in every round, so a change
 * to the CLI's start is measured against the same floor in the same rounds.
 */
public final class TeraSortBenchmark {

  private static final String FLOOR = "plain-Java sort (floor)";
  private static final String SPARK = "Sluice terasort, Spark local[*] in this JVM";
  private static final String CLI = "bin/sluice run terasort --engine spark";
  private static final String CLI_REFERENCE = "the same, reference build's bin/sluice";
  private static final String HADOOP = "Hadoop example TeraSort (MapReduce local)";
  private static final String MAPREDUCE = "Sluice terasort (MapReduce local)";

  private final Rounds rounds = new Rounds();

  private TeraSortBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    long rows = Long.parseLong(options.text(0, "10000000").replace("_", ""));
    Path work = options.workDir(1, "target/bench-terasort");
    int partitions = options.intNumber(2, 4);
    Set<String> runs = Set.of(options.text(3, "floor,spark,cli").split(","));
    new TeraSortBenchmark().run(rows, work, partitions, runs, options.intNumber(4, 3));
  }

  private void run(long rows, Path work, int partitions, Set<String> runs, int roundCount)
      throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "TeraSort benchmark: %,d rows (%.2f GB), %d partitions, %d cores, %d rounds, in %s%n",
        rows,
        rows * 100 / 1e9,
        partitions,
        cores,
        roundCount,
        work);
    Path input = work.resolve("teragen-" + rows);
    Map<String, Path> outputs = new LinkedHashMap<>();
    outputs.put(FLOOR, work.resolve("java-floor"));
    outputs.put(SPARK, work.resolve("sluice-spark"));
    outputs.put(CLI, work.resolve("sluice-cli"));
    outputs.put(CLI_REFERENCE, work.resolve("sluice-cli-reference"));
    outputs.put(HADOOP, work.resolve("hadoop-terasort"));
    outputs.put(MAPREDUCE, work.resolve("sluice-mapreduce"));
    for (Path out : outputs.values()) {
      FileUtil.fullyDelete(out.toFile());
    }
    for (String out : List.of("checksum", "validate-floor")) {
      FileUtil.fullyDelete(work.resolve(out).toFile());
    }

    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    // Both MapReduce sorts get the same local-runner parallelism: one map and one reduce per core.
    conf.setInt("mapreduce.local.map.tasks.maximum", cores);
    conf.setInt("mapreduce.local.reduce.tasks.maximum", cores);
    conf.setInt("mapreduce.job.reduces", partitions);

    JobRunner runner = new JobRunner(JobRegistry.load());
    Map<String, String> sortParameters =
        Map.of("input", input.toString(), "partitions", Integer.toString(partitions));
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
      }
      String checksum = hadoopTeraChecksum(conf, input, work.resolve("checksum"));
      System.out.println("input checksum (Hadoop's TeraChecksum): " + checksum);

      if (runs.contains("hadoop")) {
        rounds.time(
            HADOOP,
            () -> tool(conf, new TeraSort(), input.toString(), outputs.get(HADOOP).toString()));
      }
      if (runs.contains("mapreduce")) {
        rounds.time(MAPREDUCE, () -> sort(runner, mapReduce, sortParameters, outputs, MAPREDUCE));
      }
      for (int round = 1; round <= roundCount; round++) {
        System.out.printf(Locale.ROOT, "%nround %d of %d%n", round, roundCount);
        if (runs.contains("floor")) {
          FileUtil.fullyDelete(outputs.get(FLOOR).toFile());
          rounds.time(FLOOR, () -> TeraSortFloor.sort(input, outputs.get(FLOOR), partitions));
        }
        if (runs.contains("spark")) {
          FileUtil.fullyDelete(outputs.get(SPARK).toFile());
          rounds.time(SPARK, () -> sort(runner, spark, sortParameters, outputs, SPARK));
        }
        if (runs.contains("cli")) {
          FileUtil.fullyDelete(outputs.get(CLI).toFile());
          Path log = work.resolve("sluice-cli.log");
          rounds.time(
              CLI,
              () ->
                  SluiceCommand.runSpark(
                      "terasort",
                      log,
                      "--input",
                      input.toString(),
                      "--output",
                      outputs.get(CLI).toString(),
                      "--partitions",
                      Integer.toString(partitions)));
          String reference = System.getProperty("bench.sluice.reference");
          if (reference != null) {
            FileUtil.fullyDelete(outputs.get(CLI_REFERENCE).toFile());
            rounds.time(
                CLI_REFERENCE,
                () ->
                    SluiceCommand.runSpark(
                        SluiceCommand.executable(reference),
                        "terasort",
                        work.resolve("sluice-cli-reference.log"),
                        "--input",
                        input.toString(),
                        "--output",
                        outputs.get(CLI_REFERENCE).toString(),
                        "--partitions",
                        Integer.toString(partitions)));
          }
        }
      }
      check(conf, checksum, outputs, work.resolve("validate-floor"));
    }
    rounds.print(runs.contains("floor") ? FLOOR : HADOOP, rows * 100);
  }

  private static Object sort(
      JobRunner runner,
      EngineContext context,
      Map<String, String> parameters,
      Map<String, Path> outputs,
      String name) {
    Map<String, String> withOutput = new HashMap<>(parameters);
    withOutput.put("output", outputs.get(name).toString());
    Engine engine = name.equals(MAPREDUCE) ? Engine.MAPREDUCE : Engine.SPARK;
    return runner.run("terasort", engine, withOutput, context);
  }

  /**
   * The first output there (the floor's when it ran) passes Hadoop's TeraValidate; every other is
   * byte-identical to it (random 10-byte keys are distinct, so every correct sort writes the same
   * bytes).
   */
  private static void check(
      Configuration conf, String checksum, Map<String, Path> outputs, Path validation)
      throws Exception {
    String expected = null;
    String first = null;
    for (Map.Entry<String, Path> out : outputs.entrySet()) {
      if (!Files.exists(out.getValue())) {
        continue; // not run this time
      }
      String digest = PartFiles.digest(out.getValue());
      if (expected == null) {
        List<String> report = hadoopTeraValidate(conf, out.getValue(), validation);
        if (report.stream().anyMatch(l -> l.startsWith("error"))
            || !report.contains("checksum\t" + checksum)) {
          throw new IllegalStateException(out.getKey() + " failed TeraValidate: " + report);
        }
        expected = digest;
        first = out.getKey();
      } else if (!expected.equals(digest)) {
        throw new IllegalStateException(
            out.getKey() + " output differs from " + first + "'s: " + digest);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n%s passes Hadoop's TeraValidate (checksum %s); every output is byte-identical to it"
            + " (sha256 %s)%n",
        first,
        checksum,
        expected.substring(0, 16));
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
}
