package io.sluice.runner.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The run directory of a local cluster: everything it needs and leaves behind, in one place, so a
 * new shell finds it again.
 *
 * <pre>
 * RUN_DIR/spark-home/jars/*.jar    links to the CLI's Spark/Hadoop jars (the stand-in SPARK_HOME)
 * RUN_DIR/spark-home/RELEASE       makes Spark's launcher take jars/ as its classpath
 * RUN_DIR/cluster.conf             what `up` asked for
 * RUN_DIR/desired-workers          what `scale` asked for
 * RUN_DIR/state.properties         what runs now (pids, urls), written by the supervisor
 * RUN_DIR/logs/                    supervisor.log, master.log, worker-N.log
 * RUN_DIR/work/worker-N/           the workers' application and driver directories
 * </pre>
 */
public record ClusterLayout(Path runDir) {

  public ClusterLayout {
    runDir = runDir.toAbsolutePath().normalize();
  }

  public Path sparkHome() {
    return runDir.resolve("spark-home");
  }

  public Path jarsDir() {
    return sparkHome().resolve("jars");
  }

  public Path configFile() {
    return runDir.resolve("cluster.conf");
  }

  public Path desiredWorkersFile() {
    return runDir.resolve("desired-workers");
  }

  public Path stateFile() {
    return runDir.resolve("state.properties");
  }

  public Path logsDir() {
    return runDir.resolve("logs");
  }

  public Path supervisorLog() {
    return logsDir().resolve("supervisor.log");
  }

  public Path masterLog() {
    return logsDir().resolve("master.log");
  }

  public Path workerLog(int slot) {
    return logsDir().resolve("worker-" + slot + ".log");
  }

  public Path workerDir(int slot) {
    return runDir.resolve("work").resolve("worker-" + slot);
  }

  /**
   * The text every JVM of this cluster carries on its command line (the classpath of master,
   * workers, executors and drivers all name the stand-in jars/ directory): how `down` finds
   * processes whose parent is gone.
   */
  public String processMarker() {
    return jarsDir().toString();
  }

  /** (Re)creates the stand-in SPARK_HOME: links to the runtime's jars and a RELEASE file. */
  public void prepare(SparkRuntime runtime) {
    try {
      Files.createDirectories(logsDir());
      Files.createDirectories(runDir.resolve("work"));
      Path jars = jarsDir();
      if (Files.isDirectory(jars)) {
        try (Stream<Path> old = Files.list(jars)) {
          for (Path p : old.toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(jars);
      for (Path jar : runtime.jars()) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      }
      // Spark's launcher (used by workers to build executor and driver command lines) reads the
      // classpath from SPARK_HOME/jars only when a RELEASE file says this is a binary distribution.
      Files.writeString(
          sparkHome().resolve("RELEASE"),
          "Spark "
              + runtime.sparkVersion()
              + " (Scala 2.13): sluice stand-in SPARK_HOME linking Maven jars\n");
    } catch (IOException e) {
      throw new ClusterInputException(
          "cannot prepare the run directory " + runDir + ": " + e.getMessage(), e);
    }
  }

  public boolean exists() {
    return Files.exists(configFile());
  }

  void deleteStateFiles() {
    try {
      Files.deleteIfExists(stateFile());
      Files.deleteIfExists(desiredWorkersFile());
      Files.deleteIfExists(configFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + runDir, e);
    }
  }
}
