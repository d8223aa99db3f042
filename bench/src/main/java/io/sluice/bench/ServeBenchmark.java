package io.sluice.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.sluice.functions.FunctionJars;
import io.sluice.functions.HttpApiEvents;
import io.sluice.functions.LambdaFunction;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.kv.Json;
import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The gateway's cost over what it fronts, on loopback: at 1, 8 and 64 concurrent clients, a {@code
 * kv-get} route against a direct SDK {@code GetItem} from the same client threads (the reference),
 * and a {@code function} route against invoking the same handler directly (the reference). Prints
 * throughput, p50 and p99 of each and the p99 overhead; also the handler's first call (cold start).
 *
 * <pre>bench/run ServeBenchmark [REQUESTS_PER_RUN=2000] [workdir=target/bench-serve]</pre>
 */
public final class ServeBenchmark {

  private static final int ITEMS = 1000;
  private static final int[] CLIENTS = {1, 8, 64};

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    int requests = options.intNumber(0, 2000);
    Path work = options.workDir(1, "target/bench-serve");
    Path jar = handlerJar(work.resolve("bench-handler.jar"));
    Path api = work.resolve("api.yaml");
    Files.writeString(
        api,
        """
        routes:
          - route: GET /items/{id}
            kv-get: {table: items, key: id}
          - route: GET /hello/{name}
            function: {handler: %s}
        """
            .formatted(BenchHandler.class.getName()));
    try (EmbeddedDynamoDb server = EmbeddedDynamoDb.startInMemory();
        DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(server.config());
        DynamoDbClient sdk =
            DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(server.config().credentials().provider())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                .build();
        FunctionJars jars = FunctionJars.open(List.of(jar));
        FunctionJars directJars = FunctionJars.open(List.of(jar))) {
      store.createTableIfMissing("items", KeySchema.of(KeyAttribute.parse("id")));
      for (int i = 0; i < ITEMS; i++) {
        store.put(
            "items",
            Json.toItem(
                "{\"id\":\"k" + i + "\",\"prediction\":\"1\",\"probability\":0." + (i % 97) + "}"));
      }
      LambdaFunction direct = directJars.function(BenchHandler.class.getName());
      long cold = System.nanoTime();
      direct.invokeHttp(event("/hello/cold", "cold"), Duration.ofSeconds(10));
      double coldMs = (System.nanoTime() - cold) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "%d requests per run, %d items, dynalite %s, %d cores%n",
          requests,
          ITEMS,
          server.endpoint(),
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          Locale.ROOT,
          "function cold start (first call of a new handler, direct): %.1f ms (init %s)%n",
          coldMs,
          direct.initDuration());
      try (Gateway gateway =
          Gateway.builder(ApiFile.load(api))
              .port(0)
              .keyValueStore(() -> store)
              .functionJars(jars)
              .start()) {
        URI base = gateway.uri();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.println(
            "| run | clients | requests/s | p50 ms | p99 ms | p99 over the reference |");
        System.out.println("|---|---|---|---|---|---|");
        for (int clients : CLIENTS) {
          // Warm both paths at this concurrency first (JIT, connections), then measure.
          run(clients, requests / 4, i -> sdkGet(sdk, i));
          run(clients, requests / 4, i -> httpGet(http, base, "/items/k" + (i % ITEMS)));
          Result reference = run(clients, requests, i -> sdkGet(sdk, i));
          Result gatewayKv =
              run(clients, requests, i -> httpGet(http, base, "/items/k" + (i % ITEMS)));
          print("GetItem, SDK direct (reference)", clients, reference, reference);
          print("kv-get through the gateway", clients, gatewayKv, reference);
        }
        for (int clients : CLIENTS) {
          run(clients, requests / 4, i -> invoke(direct, i));
          run(clients, requests / 4, i -> httpGet(http, base, "/hello/n" + i));
          Result reference = run(clients, requests, i -> invoke(direct, i));
          Result route = run(clients, requests, i -> httpGet(http, base, "/hello/n" + i));
          print("handler invoked directly (reference)", clients, reference, reference);
          print("function route through the gateway", clients, route, reference);
        }
      }
    }
    if ("predict".equals(options.text(2, ""))) {
      predict(work, requests);
    }
  }

  /** The predict route at 8 clients against the same predictor called directly. */
  private static void predict(Path work, int requests) throws Exception {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("ServeBenchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
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
        Call viaGateway =
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
        Call directly = i -> direct.predict(features.get(i % features.size()));
        run(8, requests / 4, directly);
        run(8, requests / 4, viaGateway);
        Result reference = run(8, requests, directly);
        Result route = run(8, requests, viaGateway);
        print("OnlinePredictor called directly (reference)", 8, reference, reference);
        print("predict route through the gateway", 8, route, reference);
      }
    } finally {
      spark.stop();
    }
  }

  /** One request of a run, by its index; returns normally when the answer was right. */
  @FunctionalInterface
  interface Call {
    void call(int index) throws Exception;
  }

  record Result(int requests, double seconds, double p50Ms, double p99Ms) {
    double perSecond() {
      return requests / seconds;
    }
  }

  private static Result run(int clients, int requests, Call call) throws Exception {
    long[] nanos = new long[requests];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        work.add(
            () -> {
              for (int i = client; i < requests; i += clients) {
                long start = System.nanoTime();
                call.call(i);
                nanos[i] = System.nanoTime() - start;
              }
              return null;
            });
      }
      long start = System.nanoTime();
      for (Future<Void> f : pool.invokeAll(work)) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(nanos);
      return new Result(
          requests,
          seconds,
          nanos[(int) (requests * 0.50)] / 1e6,
          nanos[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)] / 1e6);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void print(String name, int clients, Result r, Result reference) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.0f | %.2f | %.2f | %s |%n",
        name,
        clients,
        r.perSecond(),
        r.p50Ms(),
        r.p99Ms(),
        r == reference
            ? "1.00x"
            : String.format(
                Locale.ROOT,
                "%+.2f ms (%.2fx)",
                r.p99Ms() - reference.p99Ms(),
                r.p99Ms() / reference.p99Ms()));
    System.out.flush();
  }

  private static void sdkGet(DynamoDbClient sdk, int i) {
    Map<String, AttributeValue> item =
        sdk.getItem(
                GetItemRequest.builder()
                    .tableName("items")
                    .key(Map.of("id", AttributeValue.fromS("k" + (i % ITEMS))))
                    .consistentRead(true)
                    .build())
            .item();
    if (item == null || item.isEmpty()) {
      throw new IllegalStateException("no item k" + (i % ITEMS));
    }
  }

  private static void httpGet(HttpClient http, URI base, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    }
  }

  private static void invoke(LambdaFunction f, int i) {
    int status =
        f.invokeHttp(event("/hello/n" + i, "n" + i), Duration.ofSeconds(10)).getStatusCode();
    if (status != 200) {
      throw new IllegalStateException("handler answered " + status);
    }
  }

  private static APIGatewayV2HTTPEvent event(String path, String name) {
    return HttpApiEvents.event(
        "GET",
        path,
        "GET /hello/{name}",
        Map.of("name", name),
        null,
        Map.of(),
        null,
        "127.0.0.1",
        "bench");
  }

  /** A jar of {@link BenchHandler}'s class file, as a user's handler jar would hold it. */
  private static Path handlerJar(Path jar) throws IOException {
    String entry = BenchHandler.class.getName().replace('.', '/') + ".class";
    try (InputStream in = ServeBenchmark.class.getClassLoader().getResourceAsStream(entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
