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
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The gateway's cost over what it fronts, on loopback: at 1, 8 and 64 concurrent clients, a {@code
 * kv-get} route against a direct SDK {@code GetItem} from the same client threads (the reference),
 * and a {@code function} route against invoking the same handler directly (the reference). Each
 * route is called with two clients: the SDK's Apache client, the one the reference's GetItem goes
 * out with (blocking on the caller's thread), and the JDK's {@code HttpClient} (asynchronous
 * inside: its selector and worker threads hand every response over to the caller). Every path first
 * runs to a steady state (twice REQUESTS at 8 clients), then a quarter of REQUESTS before each
 * measured run. Prints throughput, p50 and p99 of each and the p99 overhead; also the handler's
 * first call (cold start).
 *
 * <p>Those closed-loop runs send as fast as answers come back, so on a machine whose cores the
 * clients, the gateway and the store share they measure capacity: a path with more work per request
 * queues longer at every percentile. A gateway's latency overhead is read at equal offered load, so
 * a second table sends at a fixed RATE (requests per second over all clients, below every path's
 * capacity), each request on its schedule, and measures its latency from its scheduled start (a
 * late request counts its wait: no coordinated omission).
 *
 * <pre>bench/run ServeBenchmark [REQUESTS_PER_RUN=2000] [workdir=target/bench-serve] [predict|-]
 *     [RATE=500]
 * </pre>
 */
public final class ServeBenchmark {

  private static final int ITEMS = 1000;
  private static final int[] CLIENTS = {1, 8, 64};

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    int requests = options.intNumber(0, 2000);
    int rate = options.intNumber(3, 500);
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
                  .start();
          SdkHttpClient apache = ApacheHttpClient.builder().maxConnections(64).build()) {
        URI base = gateway.uri();
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Measured> kvGet =
            List.of(
                new Measured("GetItem, SDK direct (reference)", i -> sdkGet(sdk, i)),
                new Measured(
                    "kv-get through the gateway (Apache client)",
                    i -> apacheGet(apache, base.resolve("/items/k" + (i % ITEMS)))),
                new Measured(
                    "kv-get through the gateway (JDK HttpClient)",
                    i -> httpGet(jdk, base, "/items/k" + (i % ITEMS))));
        List<Measured> function =
            List.of(
                new Measured("handler invoked directly (reference)", i -> invoke(direct, i)),
                new Measured(
                    "function route through the gateway (Apache client)",
                    i -> apacheGet(apache, base.resolve("/hello/n" + i))),
                new Measured(
                    "function route through the gateway (JDK HttpClient)",
                    i -> httpGet(jdk, base, "/hello/n" + i)));
        // Steady state first: every path at 8 clients until the JIT has compiled what it runs
        // (C2 on two cores otherwise competes with the first measured runs).
        int warmUp = requests * 2;
        for (Measured m : concat(kvGet, function)) {
          run(8, warmUp, m.call());
        }
        System.out.printf(
            Locale.ROOT,
            "warm-up: %d requests per path at 8 clients, then %d more per path before each"
                + " concurrency%n",
            warmUp,
            requests / 4);
        System.out.println(
            "| run | clients | requests/s | p50 ms | p99 ms | p99 over the reference |");
        System.out.println("|---|---|---|---|---|---|");
        for (List<Measured> paths : List.of(kvGet, function)) {
          for (int clients : CLIENTS) {
            for (Measured m : paths) {
              run(clients, requests / 4, m.call());
            }
            Result reference = null;
            for (Measured m : paths) {
              Result r = run(clients, requests, m.call());
              reference = reference == null ? r : reference;
              print(m.name(), clients, r, reference);
            }
          }
        }
        System.out.printf(
            Locale.ROOT,
            "%nAt a fixed offered load of %d requests/s over all clients (open loop, latency from"
                + " each request's scheduled start):%n",
            rate);
        System.out.println(
            "| run | clients | requests/s | p50 ms | p99 ms | p99 over the reference |");
        System.out.println("|---|---|---|---|---|---|");
        for (List<Measured> paths : List.of(kvGet, function)) {
          for (int clients : CLIENTS) {
            Result reference = null;
            for (Measured m : paths) {
              Result r = run(clients, requests, rate, m.call());
              reference = reference == null ? r : reference;
              print(m.name(), clients, r, reference);
            }
          }
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

  /** A path measured: its name in the table and one request of it. */
  record Measured(String name, Call call) {}

  private static List<Measured> concat(List<Measured> a, List<Measured> b) {
    List<Measured> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
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
    return run(clients, requests, 0, call);
  }

  /**
   * REQUESTS requests over CLIENTS threads, client {@code i % clients} sending request i. With RATE
   * 0 (closed loop) each client sends its next request when the last one answered and a latency
   * runs from the send; with a RATE (requests per second over all clients) request i is due {@code
   * i / rate} seconds after the start, is sent when due (or at once when late) and its latency runs
   * from when it was due.
   */
  private static Result run(int clients, int requests, int rate, Call call) throws Exception {
    long[] nanos = new long[requests];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      // At a rate, every client has started before the first request is due.
      long start = System.nanoTime() + (rate > 0 ? 10_000_000L : 0);
      for (int c = 0; c < clients; c++) {
        int client = c;
        work.add(
            () -> {
              for (int i = client; i < requests; i += clients) {
                long due = rate > 0 ? start + i * 1_000_000_000L / rate : System.nanoTime();
                for (long wait = due - System.nanoTime();
                    wait > 0;
                    wait = due - System.nanoTime()) {
                  LockSupport.parkNanos(wait);
                }
                call.call(i);
                nanos[i] = System.nanoTime() - due;
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(work)) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return result(requests, seconds, nanos);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Result result(int requests, double seconds, long[] nanos) {
    Arrays.sort(nanos);
    return new Result(
        requests,
        seconds,
        nanos[(int) (requests * 0.50)] / 1e6,
        nanos[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)] / 1e6);
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

  /**
   * A GET with the SDK's own Apache client (as the reference's GetItem goes out): blocking on the
   * caller's thread, connections pooled and reused.
   */
  private static void apacheGet(SdkHttpClient http, URI uri) throws IOException {
    HttpExecuteResponse r =
        http.prepareRequest(
                HttpExecuteRequest.builder()
                    .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build())
                    .build())
            .call();
    String body;
    try (AbortableInputStream in = r.responseBody().orElse(null)) {
      body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (r.httpResponse().statusCode() != 200 || body.isEmpty()) {
      throw new IllegalStateException(uri + ": " + r.httpResponse().statusCode() + " " + body);
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
