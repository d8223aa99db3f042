package io.sluice.tests.engines;

import io.sluice.jobs.EngineContext;
import io.sluice.testing.LocalEngines;
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
    return LocalEngines.builder(hadoopConf);
  }

  /**
   * {@code spark-submit} of the job jar's {@code SparkJobMain} in a JVM of its own, on the engines'
   * classpath (Spark's {@code SparkSubmit} main), on local[2], small and without UI, as {@link
   * #local} runs jobs.
   */
  static SluiceProcess.Builder sparkSubmitLocal(Path appJar, String... jobArgs) {
    return sparkSubmitMain(appJar, "io.sluice.jobs.spark.SparkJobMain", engineClasspath(), jobArgs);
  }

  /**
   * {@link #sparkSubmitLocal(Path, String...)} of another main class, on {@code classpath}, with
   * the job jar as the application jar.
   */
  static SluiceProcess.Builder sparkSubmitMain(
      Path appJar, String mainClass, String classpath, String... appArgs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--class",
                mainClass,
                "--master",
                "local[2]",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.sql.shuffle.partitions=4",
                appJar.toString()));
    args.addAll(List.of(appArgs));
    return SluiceProcess.java(classpath, "org.apache.spark.deploy.SparkSubmit", args).heap("1g");
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
