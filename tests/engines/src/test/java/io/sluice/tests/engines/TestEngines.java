package io.sluice.tests.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.jobs.EngineContext;
import io.sluice.testing.SluiceProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * The engines every integration test runs on: Hadoop's local runner and Spark local[2], small and
 * on loopback.
 */
final class TestEngines {

  private TestEngines() {}

  /** A builder for local engines over the given Hadoop configuration; callers may add settings. */
  static EngineContext.Builder local(Configuration hadoopConf) {
    return EngineContext.builder()
        .hadoopConf(hadoopConf)
        .sparkMaster("local[2]")
        .sparkConf("spark.ui.enabled", "false")
        .sparkConf("spark.sql.shuffle.partitions", "4")
        .sparkConf("spark.driver.host", "127.0.0.1")
        .sparkConf("spark.driver.bindAddress", "127.0.0.1");
  }

  /**
   * {@code spark-submit ARGS} in a JVM of its own, on the engines' classpath (Spark's {@code
   * SparkSubmit} main).
   */
  static SluiceProcess.Builder sparkSubmit(String... args) {
    return SluiceProcess.java(
            engineClasspath(), "org.apache.spark.deploy.SparkSubmit", List.of(args))
        .heap("1g");
  }

  /**
   * {@link #sparkSubmit} of the job jar's {@code SparkJobMain} on local[2], small and without UI,
   * as {@link #local} runs jobs.
   */
  static SluiceProcess.Builder sparkSubmitLocal(Path appJar, String... jobArgs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--class",
                "io.sluice.jobs.spark.SparkJobMain",
                "--master",
                "local[2]",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.sql.shuffle.partitions=4",
                appJar.toString()));
    args.addAll(List.of(jobArgs));
    return sparkSubmit(args.toArray(String[]::new));
  }

  /** The job jar the build made (the {@code sluice.jobs.app.jar} property). */
  static Path appJar() {
    return Path.of(System.getProperty("sluice.jobs.app.jar"));
  }

  /**
   * A copy of the job jar in {@code dir}: the build may replace the jar while a forked JVM reads
   * it.
   */
  static Path appJarCopy(Path dir) throws IOException {
    return Files.copy(appJar(), dir.resolve("sluice-jobs-app.jar"));
  }

  /** {@link #submitLocalSucceeds(Path, Path, String...)} of the job jar the build made. */
  static SluiceProcess.Result submitLocalSucceeds(Path workDir, String... jobArgs)
      throws IOException, InterruptedException {
    return submitLocalSucceeds(appJar(), workDir, jobArgs);
  }

  /**
   * {@link #sparkSubmitLocal} run in {@code workDir} for at most 300 s, checked to have exited 0;
   * the caller checks the job's own report.
   */
  static SluiceProcess.Result submitLocalSucceeds(Path appJar, Path workDir, String... jobArgs)
      throws IOException, InterruptedException {
    SluiceProcess.Result result =
        sparkSubmitLocal(appJar, jobArgs).workDir(workDir).timeoutSeconds(300).run();
    assertEquals(0, result.exitCode(), "spark-submit failed:\n" + result.stderr());
    return result;
  }

  /**
   * The engines' runtime classpath: the test classpath without any Sluice classes (those come from
   * the job jar).
   */
  static String engineClasspath() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator))
        .filter(
            e -> !e.contains("/sluice-") && !e.endsWith("/classes") && !e.endsWith("/test-classes"))
        .filter(
            e ->
                !e.contains("hadoop-client-minicluster")
                    && !e.contains("hadoop-mapreduce-examples"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
