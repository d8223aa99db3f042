package io.sluice.tests.engines;

import io.sluice.testing.SluiceProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog jobs' {@code spark-submit} runs of the job jar, made once for every test class that
 * checks one: a single {@code spark-submit} of {@link SubmittedJobsMain}, which runs the job jar's
 * {@code SparkJobMain} for each job in turn. One driver JVM instead of one per job: each costs
 * seconds of JVM, Spark and Hadoop start-up, and what the tests check is each job's own report line
 * and output. The inputs are the ones the test classes compare with; each class asserts its job.
 */
final class SubmittedJobs {

  /** One job's part of the run: its stdout section, its input and its output directory. */
  record Submitted(String stdout, Path input, Path output) {}

  private static final long TIMEOUT_SECONDS = 600;

  private static Map<String, Submitted> submitted;

  private SubmittedJobs() {}

  /** The job's part of the one submission, made on the first call. */
  static synchronized Submitted of(String job) throws Exception {
    if (submitted == null) {
      submitted = submitAll();
    }
    Submitted s = submitted.get(job);
    if (s == null) {
      throw new IllegalArgumentException("no submitted job " + job + " in " + submitted.keySet());
    }
    return s;
  }

  private static Map<String, Submitted> submitAll() throws Exception {
    Path work = Files.createTempDirectory(Path.of("target"), "submitted-jobs").toAbsolutePath();
    // A copy: the build may replace the jar while the forked JVM reads it.
    Path appJar = TestEngines.appJarCopy(work);
    Map<String, List<String>> args = new LinkedHashMap<>();
    Map<String, Path> inputs = new LinkedHashMap<>();

    Path wordCountIn = work.resolve("wordcount-in.txt");
    Files.write(wordCountIn, SparkSubmitIT.WORD_COUNT_LINES);
    inputs.put("wordcount", wordCountIn);

    Path grepIn = work.resolve("grep-in.txt");
    Files.write(grepIn, GrepIT.SUBMITTED_LINES);
    inputs.put("grep", grepIn);
    args.put("grep", List.of("--pattern", GrepIT.TAGGED, "--group", "1"));

    Path joinIn = Files.createDirectories(work.resolve("join-in"));
    Files.write(joinIn.resolve("left.csv"), JoinIT.SUBMITTED_LEFT);
    Files.write(joinIn.resolve("right.csv"), JoinIT.RIGHT_ROWS);
    inputs.put("join", joinIn);
    args.put(
        "join",
        List.of(
            "--left",
            joinIn.resolve("left.csv").toString(),
            "--right",
            joinIn.resolve("right.csv").toString(),
            "--left-key",
            "1",
            "--right-key",
            "2",
            "--type",
            "left-outer"));

    inputs.put("etl", EtlIT.CSV.toAbsolutePath());
    args.put(
        "etl",
        List.of(
            "--schema", EtlIT.SAMPLES.resolve("orders.schema.json").toAbsolutePath().toString()));

    inputs.put("logs", AccessLogIT.SAMPLES.toAbsolutePath());

    Path teraIn = work.resolve("terasort-in");
    TeraReference.hadoopTeraGen(
        TeraReference.localConf(), 10_000, 3, new org.apache.hadoop.fs.Path(teraIn.toUri()));
    inputs.put("terasort", teraIn);
    args.put("terasort", List.of("--partitions", "3"));

    List<String> jobArgs = new ArrayList<>();
    Map<String, Path> outputs = new LinkedHashMap<>();
    for (Map.Entry<String, Path> input : inputs.entrySet()) {
      String job = input.getKey();
      outputs.put(job, work.resolve(job + "-out"));
      if (!jobArgs.isEmpty()) {
        jobArgs.add(SubmittedJobsMain.NEXT);
      }
      jobArgs.add(job);
      if (!job.equals("join")) {
        jobArgs.addAll(List.of("--input", input.getValue().toString()));
      }
      jobArgs.addAll(List.of("--output", outputs.get(job).toString()));
      jobArgs.addAll(args.getOrDefault(job, List.of()));
    }
    SluiceProcess.Result result =
        TestEngines.sparkSubmitMain(
                appJar,
                SubmittedJobsMain.class.getName(),
                TestEngines.engineClasspath() + File.pathSeparator + mainClassDir(work),
                jobArgs.toArray(String[]::new))
            .workDir(work)
            .timeoutSeconds(TIMEOUT_SECONDS)
            .run();
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "spark-submit failed (" + result.exitCode() + "):\n" + result.stderr());
    }
    Map<String, Submitted> byJob = new LinkedHashMap<>();
    for (String job : inputs.keySet()) {
      byJob.put(
          job, new Submitted(section(result.stdout(), job), inputs.get(job), outputs.get(job)));
    }
    return byJob;
  }

  /**
   * A directory holding only {@link SubmittedJobsMain}'s class file, for the driver JVM's
   * classpath: not the whole test-classes folder (its log4j2-test.properties, its other classes).
   */
  private static Path mainClassDir(Path work) throws IOException {
    String file = SubmittedJobsMain.class.getName().replace('.', '/') + ".class";
    Path target = work.resolve("main-class").resolve(file);
    Files.createDirectories(target.getParent());
    try (InputStream in = SubmittedJobsMain.class.getClassLoader().getResourceAsStream(file)) {
      Files.copy(in, target);
    }
    return work.resolve("main-class");
  }

  /** The stdout lines between the job's header and the next job's. */
  private static String section(String stdout, String job) {
    StringBuilder b = new StringBuilder();
    boolean in = false;
    for (String line : stdout.lines().toList()) {
      if (line.startsWith(SubmittedJobsMain.HEADER)) {
        in = line.equals(SubmittedJobsMain.HEADER + job);
      } else if (in) {
        b.append(line).append('\n');
      }
    }
    return b.toString();
  }
}
