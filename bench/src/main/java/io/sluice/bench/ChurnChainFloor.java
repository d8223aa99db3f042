package io.sluice.bench;

import io.sluice.ml.ChainFloorRuns;
import io.sluice.ml.DatasourceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The floor under the demo's train-churn and predict-churn at a scale: both done in one warm Spark
 * session, rounds after rounds, as (1) the trainer and the batch predictor as the steps call them
 * (read and checks, fit, evaluation, rejected rows; the input read again and every row scored and
 * written; no registry, no S3) and (2) one pass: the CSV read once into a cache, the same pipeline
 * fitted on its training rows and every cached row scored and written. The reference is (1) in the
 * first round, a fresh JVM's first Spark work, measured in the same run; both print the logistic
 * coefficients' digest, which must match.
 *
 * <pre>
 * bench/run ChurnChainFloor SPEC.yaml [ROUNDS=3] [WORKDIR=/tmp/sluice-bench-chain]
 *     (SPEC: e.g. DATA/ml/customer-churn.yaml of `sluice sample-data generate --only churn --scale 100`)
 * </pre>
 *
 * <p>CPU is the whole JVM's (the driver, the tasks, the JIT and GC), from the process's own CPU
 * clock; run it with the JVM options to compare, e.g. {@code BENCH_JAVA_OPTS="-Xmx4g
 * -XX:TieredStopAtLevel=1"} as {@code bin/sluice demo} runs.
 */
public final class ChurnChainFloor {

  private record Result(int round, String way, double wall, double cpu, int digest) {}

  private ChurnChainFloor() {}

  public static void main(String[] args) throws Exception {
    BenchArgs a = new BenchArgs(args);
    DatasourceSpec spec = DatasourceSpec.load(Path.of(a.text(0, "customer-churn.yaml")));
    int rounds = a.intNumber(1, 3);
    Path work = a.workDir(2, "/tmp/sluice-bench-chain");
    SparkSession spark =
        LoopbackSparkSession.builder("local[*]", "ChurnChainFloor")
            .config("spark.sql.shuffle.partitions", "8")
            .getOrCreate();
    List<Result> results = new ArrayList<>();
    try {
      for (int round = 1; round <= rounds; round++) {
        String out = work.resolve("predictions").toString();
        results.add(
            timed(
                round,
                "trainer + batch predictor",
                () -> ChainFloorRuns.trainThenPredict(spark, spec, out)));
        results.add(
            timed(round, "one pass (floor)", () -> ChainFloorRuns.onePass(spark, spec, out)));
      }
    } finally {
      spark.stop();
    }
    Result ref = results.get(0);
    System.out.printf(
        Locale.ROOT,
        "%nreference: round 1 of %s; load average now: %s%n%5s  %-26s %8s %8s %9s %9s %8s%n",
        ref.way(),
        java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim(),
        "round",
        "way",
        "wall s",
        "CPU s",
        "wall/ref",
        "CPU/ref",
        "model");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "%5d  %-26s %8.1f %8.1f %8.2fx %8.2fx %8s%n",
          r.round(),
          r.way(),
          r.wall(),
          r.cpu(),
          r.wall() / ref.wall(),
          r.cpu() / ref.cpu(),
          Integer.toHexString(r.digest()));
    }
  }

  private static Result timed(int round, String way, java.util.function.Supplier<String> run) {
    long cpu = Rounds.processCpuNanos();
    long start = System.nanoTime();
    String model = run.get();
    Result r =
        new Result(
            round,
            way,
            (System.nanoTime() - start) / 1e9,
            (Rounds.processCpuNanos() - cpu) / 1e9,
            model.hashCode());
    System.err.printf(Locale.ROOT, "%s%n", r);
    return r;
  }
}
