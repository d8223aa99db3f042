package io.sluice.bench;

import io.sluice.runner.newjob.JobProject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;

/**
 * What a user waits for with a new job (issue 14's targets): {@code mvn -B verify} of the project
 * {@code sluice new job} writes, warm, against the reference of the same build without its tests
 * ({@code -DskipTests}) in the same run; and the harness's first Spark session and MiniDFSCluster
 * (from the harness's own log lines in the test run) against a bare {@code SparkSession} and a bare
 * {@code MiniDFSCluster} started in this JVM, also cold.
 *
 * <pre>bench/run NewJobBenchmark /tmp/bench-new-job</pre>
 *
 * Needs the Sluice artifacts installed ({@code mvn -DskipTests install}); runs Maven offline.
 */
public final class NewJobBenchmark {

  private static final Pattern SPARK =
      Pattern.compile("shared Spark session \\(.*\\) started in (\\d+) ms");
  private static final Pattern DFS =
      Pattern.compile("MiniDFSCluster \\S+ for \\S+ started in (\\d+) ms");
  private static final Pattern TESTS =
      Pattern.compile(
          "Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\s*$", Pattern.MULTILINE);

  private NewJobBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/bench-new-job").toAbsolutePath();
    if (Files.exists(work)) {
      try (var walk = Files.walk(work)) {
        walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    Path project = work.resolve("city-counts");
    JobProject.of("city-counts", "org.acme.cities").writeTo(project);

    long bareSpark = bareSparkStartMillis();
    long bareDfs = bareMiniDfsStartMillis(work.resolve("bare-dfs"));

    double build = maven(project, work.resolve("build.log"), "-DskipTests", "verify");
    double first = maven(project, work.resolve("verify-1.log"), "verify");
    double warm = maven(project, work.resolve("verify-2.log"), "verify");
    String log = Files.readString(work.resolve("verify-2.log"));
    Matcher tests = TESTS.matcher(log);
    if (!tests.find()) {
      throw new IllegalStateException(
          "the generated project's tests did not all pass; see " + work.resolve("verify-2.log"));
    }
    List<Long> spark = millis(SPARK, log);
    List<Long> dfs = millis(DFS, log);

    System.out.printf(
        Locale.ROOT,
        "mvn -B verify of a new job project (%s tests): first %.1f s, warm %.1f s%n",
        tests.group(1),
        first,
        warm);
    System.out.printf(
        Locale.ROOT,
        "reference: the same build without tests (-DskipTests): %.1f s -> tests add %.2fx%n",
        build,
        warm / build);
    System.out.printf(
        Locale.ROOT,
        "harness Spark session (first test): %d ms; reference bare SparkSession local[2]: %d ms"
            + " -> %.2fx%n",
        spark.get(0),
        bareSpark,
        spark.get(0) / (double) bareSpark);
    System.out.printf(
        Locale.ROOT,
        "harness MiniDFSCluster per class: %s ms; reference bare MiniDFSCluster: %d ms -> %.2fx%n",
        dfs,
        bareDfs,
        dfs.get(0) / (double) bareDfs);
  }

  private static long bareSparkStartMillis() {
    long start = System.nanoTime();
    SparkSession spark =
        LoopbackSparkSession.builder("local[2]", "bench")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    long took = (System.nanoTime() - start) / 1_000_000;
    spark.stop();
    return took;
  }

  private static long bareMiniDfsStartMillis(Path dir) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    long start = System.nanoTime();
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    long took = (System.nanoTime() - start) / 1_000_000;
    cluster.shutdown();
    return took;
  }

  private static double maven(Path project, Path log, String... goals)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("mvn", "-o", "-B"));
    command.addAll(List.of(goals));
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static List<Long> millis(Pattern pattern, String log) {
    List<Long> found = new ArrayList<>();
    Matcher m = pattern.matcher(log);
    while (m.find()) {
      found.add(Long.parseLong(m.group(1)));
    }
    if (found.isEmpty()) {
      throw new IllegalStateException("no line matching " + pattern + " in the test log");
    }
    return found;
  }
}
