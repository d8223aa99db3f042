package io.sluice.runner.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * spark-submit's everyday flags on {@code sluice submit}, each the Spark setting spark-submit maps
 * it to ({@code SparkSubmitArguments} reads the same keys back), so a flag and its {@code --conf}
 * key are interchangeable and the flag wins.
 */
final class SparkSubmitFlags {

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The application's name (spark.app.name; default: sluice JOB).")
  String name;

  @Option(
      names = "--driver-memory",
      paramLabel = "MEM",
      description =
          "The driver's memory, e.g. 1g (spark.driver.memory; in client mode this JVM's heap).")
  String driverMemory;

  @Option(
      names = "--executor-memory",
      paramLabel = "MEM",
      description = "Memory per executor, e.g. 2g (spark.executor.memory).")
  String executorMemory;

  @Option(
      names = "--executor-cores",
      paramLabel = "NUM",
      description = "Cores per executor (spark.executor.cores).")
  String executorCores;

  @Option(
      names = "--num-executors",
      paramLabel = "NUM",
      description = "The number of executors (spark.executor.instances).")
  String numExecutors;

  @Option(
      names = "--queue",
      paramLabel = "QUEUE",
      description = "The YARN queue (spark.yarn.queue).")
  String queue;

  @Option(
      names = "--files",
      paramLabel = "FILES",
      description =
          "Files placed in each executor's working directory, comma-separated (spark.files).")
  String files;

  /** spark-submit's --jars: shipped with the jars Sluice ships, not a setting. */
  @Option(
      names = "--jars",
      paramLabel = "JARS",
      split = ",",
      description =
          "More jars for the driver and executors, comma-separated (spark-submit's --jars).")
  List<String> jars = new ArrayList<>();

  /** Puts the settings of the flags given into {@code conf}, over what it holds, in this order. */
  void putInto(Map<String, String> conf) {
    String[][] settings = {
      {"spark.app.name", name},
      {"spark.driver.memory", driverMemory},
      {"spark.executor.memory", executorMemory},
      {"spark.executor.cores", executorCores},
      {"spark.executor.instances", numExecutors},
      {"spark.yarn.queue", queue},
      {"spark.files", files}
    };
    for (String[] setting : settings) {
      if (setting[1] != null) {
        conf.put(setting[0], setting[1]);
      }
    }
  }
}
