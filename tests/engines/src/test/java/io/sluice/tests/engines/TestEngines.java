package io.sluice.tests.engines;

import io.sluice.jobs.EngineContext;
import io.sluice.testing.SluiceProcess;
import java.io.File;
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
