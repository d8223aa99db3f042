package io.sluice.runner.cluster;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts Spark's own standalone daemons ({@code org.apache.spark.deploy.master.Master} and {@code
 * org.apache.spark.deploy.worker.Worker}) as separate JVMs from the stand-in SPARK_HOME, exactly as
 * Spark's {@code sbin/start-*.sh} scripts would, minus the scripts.
 */
final class SparkDaemons {

  static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
  static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";

  /** Spark's default is 60 s; a dead worker should leave the master's books soon after it dies. */
  static final int WORKER_TIMEOUT_SECONDS = 15;

  private final ClusterConfig config;
  private final ClusterLayout layout;
  private final SparkRuntime runtime;

  SparkDaemons(ClusterConfig config, ClusterLayout layout, SparkRuntime runtime) {
    this.config = config;
    this.layout = layout;
    this.runtime = runtime;
  }

  Process startMaster() throws IOException {
    return start(
        List.of(
            MASTER_CLASS,
            "--host",
            ClusterConfig.HOST,
            "--port",
            Integer.toString(config.masterPort()),
            "--webui-port",
            Integer.toString(config.uiPort())),
        layout.masterLog());
  }

  Process startWorker(int slot) throws IOException {
    Path workDir = layout.workerDir(slot);
    Files.createDirectories(workDir);
    return start(
        List.of(
            WORKER_CLASS,
            "--host",
            ClusterConfig.HOST,
            "--cores",
            Integer.toString(config.workerCores()),
            "--memory",
            config.workerMemoryMb() + "m",
            // Port 0: a restarted worker must not wait for its predecessor's port to be released.
            "--port",
            "0",
            "--webui-port",
            "0",
            "--work-dir",
            workDir.toString(),
            config.masterUrl()),
        layout.workerLog(slot));
  }

  private Process start(List<String> mainAndArgs, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(runtime.javaExecutable().toString());
    command.add("-Xmx" + ClusterConfig.DAEMON_HEAP_MB + "m");
    command.addAll(runtime.jvmFlags());
    command.add("-Dspark.worker.timeout=" + WORKER_TIMEOUT_SECONDS);
    command.add("-cp");
    command.add(layout.jarsDir() + File.separator + "*");
    command.addAll(mainAndArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(layout.runDir().toFile())
            .redirectInput(Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    environment(builder.environment(), layout);
    return builder.start();
  }

  /**
   * What Spark's scripts would have exported; executors and drivers inherit it from their worker.
   */
  static void environment(Map<String, String> env, ClusterLayout layout) {
    env.put("SPARK_HOME", layout.sparkHome().toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", ClusterConfig.HOST);
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.remove("SPARK_CONF_DIR");
  }
}
