package io.sluice.bench;

import io.sluice.jobs.Engine;
import io.sluice.jobs.EngineContext;
import io.sluice.jobs.HadoopExampleWordCount;
import io.sluice.jobs.JobRegistry;
import io.sluice.jobs.JobRunner;
import io.sluice.jobs.RunSummary;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.mapreduce.Job;

/**
 * WordCount on a generated corpus against its floor, a single-process Java hash count (read,
 * tokenise, count, sort by UTF-8 bytes, write), in interleaved rounds: Sluice's Spark WordCount
 * ({@code local[*]}, session start-up excluded) in this JVM and {@code bin/sluice run wordcount
 * --engine spark} in a fresh JVM as a user starts it. Hadoop's example WordCount and Sluice's
 * MapReduce WordCount can run once beside them. All outputs must be byte-identical.
 *
 * <pre>
 * bench/run WordCountBenchmark [MB=512] [workdir=target/bench-wordcount] [runs=floor,spark,cli]
 *     [rounds=3]
 * </pre>
 *
 * <p>{@code runs} may add {@code hadoop} and {@code mapreduce}. {@code -Dbench.sluice=PATH} picks
 * the {@code bin/sluice} that {@code cli} starts.
 */
public final class WordCountBenchmark {

  private static final String FLOOR = "single-process Java hash count (floor)";
  private static final String SPARK = "Sluice WordCount, Spark local[*] in this JVM";
  private static final String CLI = "bin/sluice run wordcount --engine spark";
  private static final String HADOOP = "Hadoop example WordCount (MapReduce)";
  private static final String MAPREDUCE = "Sluice WordCount (MapReduce)";

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    long megabytes = options.longNumber(0, 512);
    Path work = options.workDir(1, "target/bench-wordcount");
    Set<String> runs = Set.of(options.text(2, "floor,spark,cli").split(","));
    int roundCount = options.intNumber(3, 3);
    Path input =
        KeptInputs.of(
            work.resolve("corpus-" + megabytes + "mb.txt"),
            file -> {
              System.out.printf("generating %d MB of text at %s%n", megabytes, file);
              TextCorpus.write(file, megabytes << 20, 42);
            });
    long inputBytes = Files.size(input);
    Map<String, Path> outputs = new LinkedHashMap<>();
    outputs.put(FLOOR, work.resolve("java-floor"));
    outputs.put(SPARK, work.resolve("sluice-spark"));
    outputs.put(CLI, work.resolve("sluice-cli"));
    outputs.put(HADOOP, work.resolve("hadoop-example"));
    outputs.put(MAPREDUCE, work.resolve("sluice-mapreduce"));
    for (Path out : outputs.values()) {
      FileUtil.fullyDelete(out.toFile());
    }
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    // Both MapReduce runs get the same local-runner parallelism: one map per core.
    conf.setInt("mapreduce.local.map.tasks.maximum", Runtime.getRuntime().availableProcessors());

    Rounds rounds = new Rounds();
    JobRunner runner = new JobRunner(JobRegistry.load());
    if (runs.contains("hadoop")) {
      rounds.time(HADOOP, () -> runHadoopExample(conf, input, outputs.get(HADOOP)));
    }
    if (runs.contains("mapreduce")) {
      try (EngineContext mr = EngineContext.builder().hadoopConf(conf).build()) {
        rounds.time(
            MAPREDUCE,
            () -> wordCount(runner, Engine.MAPREDUCE, mr, input, outputs.get(MAPREDUCE)));
      }
    }
    try (EngineContext spark =
        EngineContext.builder()
            .sparkMaster("local[*]")
            .sparkConf("spark.ui.enabled", "false")
            .sparkConf("spark.sql.shuffle.partitions", "8")
            .build()) {
      spark.spark(); // start-up is not part of the job's time
      for (int round = 1; round <= roundCount; round++) {
        System.out.printf("%nround %d of %d%n", round, roundCount);
        if (runs.contains("floor")) {
          FileUtil.fullyDelete(outputs.get(FLOOR).toFile());
          rounds.time(FLOOR, () -> javaFloor(input, outputs.get(FLOOR)));
        }
        if (runs.contains("spark")) {
          FileUtil.fullyDelete(outputs.get(SPARK).toFile());
          rounds.time(
              SPARK, () -> wordCount(runner, Engine.SPARK, spark, input, outputs.get(SPARK)));
        }
        if (runs.contains("cli")) {
          FileUtil.fullyDelete(outputs.get(CLI).toFile());
          rounds.time(
              CLI,
              () ->
                  SluiceCommand.runSpark(
                      "wordcount",
                      work.resolve("sluice-cli.log"),
                      "--input",
                      input.toString(),
                      "--output",
                      outputs.get(CLI).toString()));
        }
      }
    }

    String expected = null;
    String first = null;
    for (Map.Entry<String, Path> out : outputs.entrySet()) {
      if (!Files.exists(out.getValue())) {
        continue; // not run this time
      }
      String actual = PartFiles.digest(out.getValue());
      if (expected == null) {
        expected = actual;
        first = out.getKey();
      } else if (!expected.equals(actual)) {
        throw new IllegalStateException(
            out.getKey() + " output differs from " + first + "'s: " + actual + " vs " + expected);
      }
    }
    System.out.printf(
        "%nall outputs identical (sha256 of part files %s)%n", expected.substring(0, 16));
    rounds.print(runs.contains("floor") ? FLOOR : HADOOP, inputBytes);
  }

  /** Sluice's wordcount job from {@code input} into {@code output}. */
  private static RunSummary wordCount(
      JobRunner runner, Engine engine, EngineContext context, Path input, Path output) {
    return runner.run(
        "wordcount",
        engine,
        Map.of("input", input.toString(), "output", output.toString()),
        context);
  }

  private static boolean runHadoopExample(Configuration conf, Path input, Path output)
      throws Exception {
    Job job =
        HadoopExampleWordCount.job(
            conf,
            new org.apache.hadoop.fs.Path(input.toUri()),
            new org.apache.hadoop.fs.Path(output.toUri()));
    if (!job.waitForCompletion(false)) {
      throw new IllegalStateException("Hadoop's example WordCount failed");
    }
    return true;
  }

  /** What one JVM does without any framework: tokenise, hash-count, sort by UTF-8 bytes, write. */
  private static void javaFloor(Path input, Path outputDir) throws IOException {
    Map<String, int[]> counts = new HashMap<>(1 << 20);
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        StringTokenizer tokens = new StringTokenizer(line);
        while (tokens.hasMoreTokens()) {
          counts.computeIfAbsent(tokens.nextToken(), k -> new int[1])[0]++;
        }
      }
    }
    String[] words = counts.keySet().toArray(String[]::new);
    byte[][] keys = new byte[words.length][];
    Integer[] order = new Integer[words.length];
    for (int i = 0; i < words.length; i++) {
      keys[i] = words[i].getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
    Files.createDirectories(outputDir);
    try (BufferedWriter out =
        Files.newBufferedWriter(outputDir.resolve("part-r-00000"), StandardCharsets.UTF_8)) {
      for (Integer i : order) {
        out.write(words[i]);
        out.write('\t');
        out.write(Integer.toString(counts.get(words[i])[0]));
        out.write('\n');
      }
    }
  }
}
