package io.sluice.bench;

import io.sluice.ml.Algorithm;
import io.sluice.ml.DatasourceSpec;
import io.sluice.ml.FeatureSpec;
import io.sluice.ml.FeatureType;
import io.sluice.ml.LoadedModel;
import io.sluice.ml.ModelRef;
import io.sluice.ml.ModelRegistry;
import io.sluice.ml.ModelTrainer;
import io.sluice.ml.OnlinePredictor;
import io.sluice.ml.TrainingOptions;
import io.sluice.sampledata.ChurnGenerator;
import io.sluice.serve.ApiFile;
import io.sluice.serve.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** {@link ServeBenchmark}'s {@code predict} part: a predict route against the predictor. */
final class ServePredictRun {

  private ServePredictRun() {}

  /**
   * The predict route at 8 clients against the same predictor called directly, at {@code rate}
   * requests/s and closed loop.
   */
  static void predict(Path work, int requests, int rate) throws Exception {
    SparkSession spark = LoopbackSparkSession.builder("local[2]", "ServeBenchmark").getOrCreate();
    try {
      Path registry = work.resolve("registry");
      Path spec = Path.of("sample-data", ChurnGenerator.SPEC).toAbsolutePath();
      ModelRegistry models =
          new ModelRegistry(registry.toString(), spark.sparkContext().hadoopConfiguration());
      if (!Files.isDirectory(registry.resolve("churn"))) {
        models.register(
            "churn",
            new ModelTrainer(spark)
                .train(DatasourceSpec.load(spec), TrainingOptions.of(Algorithm.LOGISTIC)));
      }
      LoadedModel model = models.load(ModelRef.parse("churn"));
      OnlinePredictor direct = OnlinePredictor.of(model);
      List<String> rows = Files.readAllLines(spec.resolveSibling("customer-churn.csv"));
      String[] header = rows.get(0).split(",", -1);
      List<Map<String, Object>> features = new ArrayList<>();
      List<String> bodies = new ArrayList<>();
      for (String line : rows.subList(1, Math.min(rows.size(), 501))) {
        String[] cells = line.split(",", -1);
        Map<String, Object> row = new java.util.HashMap<>();
        com.fasterxml.jackson.databind.node.ObjectNode body =
            new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        for (FeatureSpec f : direct.features()) {
          String v = cells[Arrays.asList(header).indexOf(f.name())];
          if (v.isEmpty()) {
            row.put(f.name(), null);
            body.putNull(f.name());
          } else if (f.type() == FeatureType.NUMERIC) {
            row.put(f.name(), Double.parseDouble(v));
            body.put(f.name(), Double.parseDouble(v));
          } else {
            row.put(f.name(), v);
            body.put(f.name(), v);
          }
        }
        features.add(row);
        bodies.add(body.toString());
      }
      Path api = work.resolve("predict-api.yaml");
      Files.writeString(
          api,
          "routes:\n  - route: POST /predict\n    predict: {model: churn, registry: \""
              + registry
              + "\"}\n");
      try (Gateway gateway =
          Gateway.builder(ApiFile.load(api)).port(0).predictors(p -> direct).start()) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = gateway.uri().resolve("/predict");
        LatencyRuns.Call viaGateway =
            i -> {
              HttpResponse<String> r =
                  http.send(
                      HttpRequest.newBuilder(uri)
                          .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size())))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
              }
            };
        LatencyRuns.Call directly = i -> direct.predict(features.get(i % features.size()));
        // Steady state first, as for the other routes: a quarter of REQUESTS left C2 compiling
        // the route's per-request code during the measured runs.
        int warmUp = Math.max(requests * 2, Integer.getInteger("bench.serve.warmup", 20_000));
        LatencyRuns.run(8, warmUp, 0, directly);
        LatencyRuns.run(8, warmUp, 0, viaGateway);
        // At a fixed offered load (the latency a caller sees), then closed loop (capacity: on two
        // cores 8 clients sending back to back queue behind each other, which is not latency the
        // route adds).
        LatencyRuns.Result reference = LatencyRuns.run(8, requests, rate, directly);
        LatencyRuns.Result route = LatencyRuns.run(8, requests, rate, viaGateway);
        System.out.printf(
            Locale.ROOT,
            "%npredict, one row per request, JDK HttpClient, after %d warm-up requests per path;"
                + " at %d requests/s:%n",
            warmUp,
            rate);
        LatencyRuns.print("OnlinePredictor called directly (reference)", 8, reference, reference);
        LatencyRuns.print("predict route through the gateway", 8, route, reference);
        reference = LatencyRuns.run(8, requests, 0, directly);
        route = LatencyRuns.run(8, requests, 0, viaGateway);
        System.out.printf(Locale.ROOT, "closed loop:%n");
        LatencyRuns.print("OnlinePredictor called directly (reference)", 8, reference, reference);
        LatencyRuns.print("predict route through the gateway", 8, route, reference);
      }
    } finally {
      spark.stop();
    }
  }
}
