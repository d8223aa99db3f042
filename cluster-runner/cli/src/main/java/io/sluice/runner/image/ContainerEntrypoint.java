package io.sluice.runner.image;

import io.sluice.runner.SluiceCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The image's entrypoint, in Java because the image has no shell. It follows the contract of
 * Spark's Kubernetes {@code entrypoint.sh}: {@code driver ARGS} runs SparkSubmit in client mode
 * bound to the pod address, {@code executor} starts Spark's Kubernetes executor backend from the
 * {@code SPARK_*} variables the driver sets on executor pods. Anything else is a {@code sluice}
 * command, so {@code IMAGE run wordcount --input ... --output ...} runs a job directly.
 */
public final class ContainerEntrypoint {

  static final String EXECUTOR_BACKEND =
      "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend";
  static final String SPARK_SUBMIT = "org.apache.spark.deploy.SparkSubmit";

  private ContainerEntrypoint() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("driver")) {
      System.exit(runChild(driverCommand(List.of(args).subList(1, args.length), System.getenv())));
    } else if (args.length > 0 && args[0].equals("executor")) {
      System.exit(runChild(executorCommand(System.getenv())));
    } else {
      SluiceCli.main(args);
    }
  }

  static List<String> driverCommand(List<String> args, Map<String, String> env) throws IOException {
    List<String> command = jvm(env);
    String memory = env.get("SPARK_DRIVER_MEMORY");
    if (memory != null && !memory.isBlank()) {
      command.add("-Xmx" + memory);
    }
    command.add(SPARK_SUBMIT);
    String bind = env.get("SPARK_DRIVER_BIND_ADDRESS");
    if (bind != null && !bind.isBlank()) {
      command.addAll(
          List.of(
              "--conf",
              "spark.driver.bindAddress=" + bind,
              "--conf",
              "spark.executorEnv.SPARK_DRIVER_POD_IP=" + bind));
    }
    command.addAll(List.of("--deploy-mode", "client"));
    command.addAll(args);
    return command;
  }

  static List<String> executorCommand(Map<String, String> env) throws IOException {
    List<String> command = jvm(env);
    // SPARK_JAVA_OPT_0, _1, ... in numeric order, as the driver numbers them.
    Map<Integer, String> opts = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (k.matches("SPARK_JAVA_OPT_\\d+")) {
            opts.put(Integer.parseInt(k.substring("SPARK_JAVA_OPT_".length())), v);
          }
        });
    command.addAll(opts.values());
    String memory = require(env, "SPARK_EXECUTOR_MEMORY");
    command.addAll(
        List.of(
            "-Xms" + memory,
            "-Xmx" + memory,
            EXECUTOR_BACKEND,
            "--driver-url",
            require(env, "SPARK_DRIVER_URL"),
            "--executor-id",
            require(env, "SPARK_EXECUTOR_ID"),
            "--cores",
            require(env, "SPARK_EXECUTOR_CORES"),
            "--app-id",
            require(env, "SPARK_APPLICATION_ID"),
            "--hostname",
            require(env, "SPARK_EXECUTOR_POD_IP"),
            "--resourceProfileId",
            env.getOrDefault("SPARK_RESOURCE_PROFILE_ID", "0"),
            "--podName",
            env.getOrDefault("SPARK_EXECUTOR_POD_NAME", "")));
    return command;
  }

  /**
   * java, the image's JVM flags, and its classpath with SPARK_CLASSPATH / SPARK_EXTRA_CLASSPATH in
   * front.
   */
  private static List<String> jvm(Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path argsFile = Path.of(env.getOrDefault("SLUICE_JVM_ARGS", ImageLayout.JVM_ARGS_FILE));
    List<String> lines =
        Files.readAllLines(argsFile).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals("-cp") && i + 1 < lines.size()) {
        List<String> classpath = new ArrayList<>();
        for (String extra : List.of("SPARK_EXTRA_CLASSPATH", "SPARK_CLASSPATH")) {
          String value = env.get(extra);
          if (value != null && !value.isBlank()) {
            classpath.add(value);
          }
        }
        classpath.add(lines.get(++i));
        command.addAll(List.of("-cp", String.join(":", classpath)));
      } else {
        command.addAll(Arrays.asList(lines.get(i).split("\\s+")));
      }
    }
    return command;
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      System.err.println(
          "sluice entrypoint: executor needs "
              + name
              + " (set by the Spark driver on executor pods); it is not set");
      System.exit(2);
    }
    return value;
  }

  private static int runChild(List<String> command) throws InterruptedException, IOException {
    Process child = new ProcessBuilder(command).inheritIO().start();
    // SIGTERM from the container runtime reaches this JVM; pass it on so Spark shuts down cleanly.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (child.isAlive()) {
                    child.destroy();
                  }
                }));
    return child.waitFor();
  }
}
