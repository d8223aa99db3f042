package io.sluice.bench;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.SluiceCli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sort job (terasort, Spark) on the 2-worker local standalone cluster ({@code sluice cluster up
 * --workers 2 --worker-cores 1}, executors in separate JVMs, shuffle over loopback) against the
 * reference, the same job on {@code local[2]} (one JVM, same number of cores), both submitted the
 * same way ({@code sluice submit}, i.e. SparkSubmit in its own JVM), on the same teragen input in
 * the same run. Outputs must be byte-identical.
 *
 * <pre>bench/run ClusterSortBenchmark ROWS WORKDIR</pre>
 */
public final class ClusterSortBenchmark {

  private static final String PARTITIONS = "4";

  private ClusterSortBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ClusterSortBenchmark ROWS WORKDIR");
      System.exit(2);
    }
    long rows = Long.parseLong(args[0]);
    Path work = Path.of(args[1]).toAbsolutePath();
    if (Files.exists(work)) {
      throw new IllegalArgumentException(work + " exists; give a new directory");
    }
    Files.createDirectories(work);
    Path input = work.resolve("input");
    cli(
        "submit",
        "--master",
        "local[2]",
        "teragen",
        "--rows",
        Long.toString(rows),
        "--output",
        input.toString(),
        "--partitions",
        PARTITIONS);
    long inputBytes = PartFiles.bytes(input);

    BenchmarkTimer timer = new BenchmarkTimer();
    String reference = "terasort local[2] (reference)";
    timer.time(
        reference,
        () ->
            cli(
                "submit",
                "--master",
                "local[2]",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.sql.shuffle.partitions=" + PARTITIONS,
                "terasort",
                "--input",
                input.toString(),
                "--output",
                work.resolve("out-local").toString(),
                "--partitions",
                PARTITIONS));

    int masterPort = freePort();
    int uiPort = freePort();
    Path runDir = work.resolve("cluster");
    long upStart = System.nanoTime();
    cli(
        "cluster",
        "up",
        "--workers",
        "2",
        "--worker-cores",
        "1",
        "--worker-memory",
        "1g",
        "--master-port",
        Integer.toString(masterPort),
        "--ui-port",
        Integer.toString(uiPort),
        "--run-dir",
        runDir.toString(),
        "--timeout",
        "600");
    double upSeconds = (System.nanoTime() - upStart) / 1e9;
    try {
      timer.time(
          "terasort 2-worker standalone cluster",
          () ->
              cli(
                  "submit",
                  "--master",
                  "spark://127.0.0.1:" + masterPort,
                  "--conf",
                  "spark.ui.enabled=false",
                  "--conf",
                  "spark.sql.shuffle.partitions=" + PARTITIONS,
                  "--conf",
                  "spark.executor.memory=1g",
                  "terasort",
                  "--input",
                  input.toString(),
                  "--output",
                  work.resolve("out-cluster").toString(),
                  "--partitions",
                  PARTITIONS));
    } finally {
      cli("cluster", "down", "--run-dir", runDir.toString());
    }

    String local = PartFiles.digest(work.resolve("out-local"));
    String cluster = PartFiles.digest(work.resolve("out-cluster"));
    if (!local.equals(cluster)) {
      throw new IllegalStateException("outputs differ: local[2] " + local + ", cluster " + cluster);
    }
    timer.printRatios(reference, inputBytes);
    System.out.printf(
        "%ncluster up (2 workers registered) took %.1f s, not counted above; outputs identical"
            + " (sha-256 of the part files %s)%n",
        upSeconds, local.substring(0, 16));
  }

  private static int cli(String... args) {
    int code = SluiceCli.commandLine(JobRegistry.load()).execute(args);
    if (code != 0) {
      throw new IllegalStateException("sluice " + String.join(" ", args) + " exited with " + code);
    }
    return code;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
