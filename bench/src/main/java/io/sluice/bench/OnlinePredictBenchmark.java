package io.sluice.bench;

import io.sluice.ml.Algorithm;
import io.sluice.ml.BatchPredictor;
import io.sluice.ml.DataFormat;
import io.sluice.ml.DatasourceReader;
import io.sluice.ml.DatasourceSpec;
import io.sluice.ml.LoadedModel;
import io.sluice.ml.ModelRef;
import io.sluice.ml.ModelRegistry;
import io.sluice.ml.ModelTrainer;
import io.sluice.ml.OnlinePrediction;
import io.sluice.ml.OnlinePredictor;
import io.sluice.ml.PredictionSummary;
import io.sluice.ml.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One-row predictions on the sample churn model (sample-data/ml, trained here with the production
 * trainer, registered and loaded as {@code sluice serve} loads it): latency p50/p99 of {@link
 * OnlinePredictor#predict} at 1 and 8 concurrent callers, for each {@link
 * OnlinePredictor.Evaluation}. The reference is SPARK_TRANSFORM (a one-row DataFrame through the
 * pipeline's transform); PER_ROW is printed as a ratio to it. Each caller scores the sample's rows
 * in turn, a bounded number of calls after a warm-up. For scale, the batch path's time per row
 * ({@code sluice ml predict} on all 5,000 rows, Parquet written) is printed too.
 *
 * <pre>
 * bench/run OnlinePredictBenchmark [ALGORITHM=logistic] [CALLS_PER_CALLER_SPARK=50] [CALLS_PER_CALLER_PER_ROW=20000] [workdir=target/bench-predict]
 * </pre>
 */
public final class OnlinePredictBenchmark {

  private static final Path SAMPLE_SPEC = Path.of("sample-data", "ml", "customer-churn.yaml");

  private record Latency(
      String run, int callers, long calls, double p50Ms, double p99Ms, double perSecond) {}

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    Algorithm algorithm = Algorithm.parse(options.text(0, "logistic"));
    int sparkCalls = options.intNumber(1, 50);
    int perRowCalls = options.intNumber(2, 20000);
    Path work = options.workDir(3, "target/bench-predict");
    SparkSession spark =
        LoopbackSparkSession.builder("local[*]", "OnlinePredictBenchmark")
            .config("spark.sql.shuffle.partitions", "8")
            .getOrCreate();
    try {
      DatasourceSpec spec = DatasourceSpec.load(SAMPLE_SPEC);
      ModelRegistry registry =
          new ModelRegistry(
              work.resolve("registry").toString(), spark.sparkContext().hadoopConfiguration());
      System.out.printf(Locale.ROOT, "training %s on %s%n", algorithm.id(), spec.input());
      int version =
          registry
              .register("churn", new ModelTrainer(spark).train(spec, TrainingOptions.of(algorithm)))
              .info()
              .version();
      LoadedModel model = registry.load(ModelRef.parse("churn:" + version));
      List<Map<String, Object>> rows = new ArrayList<>();
      List<Row> input =
          new DatasourceReader(spark).read(spec.input(), spec.format()).collectAsList();
      for (Row r : input) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : r.schema().fieldNames()) {
          m.put(c, r.getAs(c));
        }
        rows.add(m);
      }

      long started = System.nanoTime();
      PredictionSummary batch =
          new BatchPredictor(spark)
              .predict(
                  model,
                  spec.input(),
                  DataFormat.CSV,
                  work.resolve("batch-predictions").toString(),
                  null,
                  true);
      double batchMs = (System.nanoTime() - started) / 1e6;

      // Evidence for "without a Spark job": jobs started while the online predictors run.
      java.util.concurrent.atomic.AtomicLong jobs = new java.util.concurrent.atomic.AtomicLong();
      spark
          .sparkContext()
          .addSparkListener(
              new org.apache.spark.scheduler.SparkListener() {
                @Override
                public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                  jobs.incrementAndGet();
                }
              });
      List<Latency> results = new ArrayList<>();
      for (OnlinePredictor.Evaluation evaluation : OnlinePredictor.Evaluation.values()) {
        OnlinePredictor predictor = OnlinePredictor.of(model, evaluation);
        int calls = evaluation == OnlinePredictor.Evaluation.PER_ROW ? perRowCalls : sparkCalls;
        measure(predictor, rows, 1, Math.max(20, calls / 5)); // warm-up: JIT, Spark's caches
        long jobsBefore = jobs.get();
        for (int callers : new int[] {1, 8}) {
          Latency l = measure(predictor, rows, callers, calls);
          results.add(l);
          System.out.printf(Locale.ROOT, "  %s%n", l);
        }
        System.out.printf(
            Locale.ROOT, "  %s: %d Spark jobs started%n", evaluation, jobs.get() - jobsBefore);
      }

      System.out.printf(
          Locale.ROOT,
          "%nbatch (sluice ml predict, %d rows, Parquet written): %.0f ms, %.3f ms per row%n",
          batch.writtenRows(),
          batchMs,
          batchMs / batch.writtenRows());
      System.out.printf(
          Locale.ROOT,
          "%n%-16s %8s %8s %10s %10s %12s %14s %14s%n",
          "evaluation",
          "callers",
          "calls",
          "p50 ms",
          "p99 ms",
          "calls/s",
          "p50 vs spark",
          "p99 vs spark");
      for (Latency l : results) {
        Latency ref =
            results.stream()
                .filter(r -> r.run().equals("SPARK_TRANSFORM") && r.callers() == l.callers())
                .findFirst()
                .orElseThrow();
        System.out.printf(
            Locale.ROOT,
            "%-16s %8d %8d %10.3f %10.3f %12.0f %14.2e %14.2e%n",
            l.run(),
            l.callers(),
            l.calls(),
            l.p50Ms(),
            l.p99Ms(),
            l.perSecond(),
            l.p50Ms() / ref.p50Ms(),
            l.p99Ms() / ref.p99Ms());
      }
    } finally {
      spark.stop();
    }
  }

  /** {@code callers} threads, each making {@code calls} one-row predictions; every call timed. */
  private static Latency measure(
      OnlinePredictor predictor, List<Map<String, Object>> rows, int callers, int calls)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    long[][] nanos = new long[callers][calls];
    long started = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        int caller = c;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < calls; i++) {
                    Map<String, Object> row = rows.get((caller * 997 + i) % rows.size());
                    long t = System.nanoTime();
                    OnlinePrediction p = predictor.predict(row);
                    nanos[caller][i] = System.nanoTime() - t;
                    if (p.prediction() == null) {
                      throw new IllegalStateException("no prediction for " + row);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).sorted().toArray();
    return new Latency(
        predictor.evaluation().name(),
        callers,
        all.length,
        percentile(all, 0.50) / 1e6,
        percentile(all, 0.99) / 1e6,
        all.length / seconds);
  }

  private static double percentile(long[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
