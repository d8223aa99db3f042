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
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.mapreduce.Job;

/**
 * WordCount on a generated corpus: Hadoop's example WordCount (the reference) vs. Sluice's
 * MapReduce and Spark WordCount, with a single-process Java hash count as the floor. All four
 * outputs must be byte-identical.
 *
 * <pre>bench/run WordCountBenchmark [MB=512] [workdir=target/bench-wordcount]</pre>
 */
public final class WordCountBenchmark {

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    long megabytes = options.longNumber(0, 512);
    Path work = options.workDir(1, "target/bench-wordcount");
    Path input =
        KeptInputs.of(
            work.resolve("corpus-" + megabytes + "mb.txt"),
            file -> {
              System.out.printf("generating %d MB of text at %s%n", megabytes, file);
              TextCorpus.write(file, megabytes << 20, 42);
            });
    long inputBytes = Files.size(input);
    for (String out : List.of("hadoop-example", "sluice-mapreduce", "sluice-spark", "java-floor")) {
      FileUtil.fullyDelete(work.resolve(out).toFile());
    }
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    // Both MapReduce runs get the same local-runner parallelism: one map per core.
    conf.setInt("mapreduce.local.map.tasks.maximum", Runtime.getRuntime().availableProcessors());

    BenchmarkTimer timer = new BenchmarkTimer();
    String reference = "Hadoop example WordCount (MapReduce)";
    timer.time(reference, () -> runHadoopExample(conf, input, work.resolve("hadoop-example")));

    JobRunner runner = new JobRunner(JobRegistry.load());
    try (EngineContext mr = EngineContext.builder().hadoopConf(conf).build()) {
      timer.time(
          "Sluice WordCount (MapReduce)",
          () -> wordCount(runner, Engine.MAPREDUCE, mr, input, work.resolve("sluice-mapreduce")));
    }
    try (EngineContext spark =
        EngineContext.builder()
            .sparkMaster("local[*]")
            .sparkConf("spark.ui.enabled", "false")
            .sparkConf("spark.sql.shuffle.partitions", "8")
            .build()) {
      spark.spark(); // start-up is not part of the job's time
      timer.time(
          "Sluice WordCount (Spark local[*])",
          () -> wordCount(runner, Engine.SPARK, spark, input, work.resolve("sluice-spark")));
    }
    timer.time(
        "single-process Java hash count (floor)",
        () -> {
          javaFloor(input, work.resolve("java-floor"));
          return null;
        });

    String expected = PartFiles.digest(work.resolve("hadoop-example"));
    for (String out : List.of("sluice-mapreduce", "sluice-spark", "java-floor")) {
      String actual = PartFiles.digest(work.resolve(out));
      if (!expected.equals(actual)) {
        throw new IllegalStateException(
            out + " output differs from Hadoop's example: " + actual + " vs " + expected);
      }
    }
    System.out.printf(
        "%nall four outputs identical (sha256 of part files %s)%n", expected.substring(0, 16));
    timer.printRatios(reference, inputBytes);
    System.out.printf(
        "Spark vs floor: %.2fx%n",
        timer.seconds("Sluice WordCount (Spark local[*])")
            / timer.seconds("single-process Java hash count (floor)"));
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
