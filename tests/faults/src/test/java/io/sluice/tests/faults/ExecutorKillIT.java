package io.sluice.tests.faults;

import io.sluice.testing.SluiceProcess;
import io.sluice.testing.StandaloneCluster;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Spark executor SIGKILLed mid-job: {@code sluice run wordcount --engine spark} against a real
 * standalone cluster ({@code sluice cluster up}: master and one worker, each a JVM; the worker
 * starts the app's executor as a JVM of its own). Spark runs the lost tasks again on a new
 * executor, so the job ends with the reference output; had it failed, readers must see nothing. One
 * trial by default, 20 under {@code -Pfault-matrix}.
 */
class ExecutorKillIT {

  private static final String EXECUTOR_MAIN =
      "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  /** Small executors and drivers, few partitions, no UI: a job fits the 2-core machine. */
  private static final List<String> SMALL =
      List.of(
          "--conf", "spark.executor.memory=512m",
          "--conf", "spark.driver.memory=512m",
          "--conf", "spark.executor.cores=2",
          "--conf", "spark.cores.max=2",
          "--conf", "spark.sql.shuffle.partitions=4",
          "--conf", "spark.ui.enabled=false",
          "--conf", "spark.sql.files.maxPartitionBytes=262144");

  private static Path base;
  private static StandaloneCluster cluster;

  @BeforeAll
  static void up() throws Exception {
    base = Path.of("target", "executor-kill").toAbsolutePath();
    FileUtil.fullyDelete(base.toFile());
    cluster =
        StandaloneCluster.up(
            Files.createDirectories(base.resolve("run")),
            Files.createDirectories(base.resolve("work")),
            "--workers",
            "1",
            "--worker-cores",
            "2",
            "--worker-memory",
            "1g");
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void executorDiesDuringSparkJob() throws Exception {
    List<String> args =
        new ArrayList<>(List.of("wordcount", "--engine", "spark", "--master", cluster.masterUrl()));
    args.addAll(SMALL);
    args.addAll(SluiceProcess.sparkTestJvmConf());
    args.addAll(List.of("--input", Inputs.text(16).toString()));
    JobOutputCell job =
        new JobOutputCell(
            "run wordcount spark (standalone cluster, 1 worker) -> file",
            args,
            base.resolve("out/wc").toUri().toString(),
            new Configuration(),
            Map.of(),
            output -> 0);
    int[] completed = {0};
    FaultTrial.run(
        ForwardingCell.seeingFaultedRuns(
            job,
            faultedStdout -> {
              // The job's summary line: the run that lost its executor still finished.
              if (faultedStdout.contains("wordcount [spark] done:")) {
                completed[0]++;
              }
            }),
        killExecutor());
    System.out.printf(
        "executor kill: %d of %d faulted runs completed on a new executor%n",
        completed[0], KillSchedule.trials());
  }

  /**
   * SIGKILL of the app's executor JVMs, the children of the cluster's workers. The executor starts
   * a while into the run (the driver's JVM and session come first), so a moment before it exists
   * waits for it while the step runs.
   */
  private static Fault killExecutor() {
    return new Fault() {
      @Override
      public String name() {
        return "Spark executor SIGKILL";
      }

      @Override
      public boolean strike(SluiceProcess step) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (step.process().isAlive() && System.nanoTime() < deadline) {
          List<ProcessHandle> executors = executors();
          if (!executors.isEmpty()) {
            executors.forEach(ProcessHandle::destroyForcibly);
            return step.process().isAlive();
          }
          step.process().waitFor(100, TimeUnit.MILLISECONDS);
        }
        return false;
      }
    };
  }

  /** Live executor JVMs whose parent is one of the cluster's workers. */
  private static List<ProcessHandle> executors() throws IOException {
    Set<Long> workers = workerPids();
    return ProcessHandle.allProcesses()
        .filter(p -> p.parent().map(parent -> workers.contains(parent.pid())).orElse(false))
        .filter(p -> p.info().commandLine().orElse("").contains(EXECUTOR_MAIN))
        .toList();
  }

  /** The workers' pids from the supervisor's state file ({@code worker.N.pid}). */
  private static Set<Long> workerPids() throws IOException {
    Properties state = new Properties();
    try (Reader in =
        Files.newBufferedReader(
            cluster.runDir().resolve("state.properties"), StandardCharsets.UTF_8)) {
      state.load(in);
    }
    return state.stringPropertyNames().stream()
        .filter(key -> key.startsWith("worker.") && key.endsWith(".pid"))
        .map(key -> Long.parseLong(state.getProperty(key)))
        .collect(Collectors.toSet());
  }
}
