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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
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
 * runs to a steady state (at 8 clients, the paths alternating, 20,000 requests each or twice
 * REQUESTS, {@code -Dbench.serve.warmup=N}, then on until no gateway's JIT compiled for more than
 * 250 ms in a round of 2,000, {@code -Dbench.serve.jitSettledMillis=MS} (0: no such rounds), at
 * most {@code -Dbench.serve.warmupMax=100000}; the gateway's JIT time in the measured runs after it
 * is printed; after the fixed part, {@code -Dbench.serve.idlePauseMillis=31000} without requests,
 * past the gateway's 30 s idle timeout, so its connection-closing paths are compiled as well), then
 * a quarter of REQUESTS before each measured run. Prints throughput, p50 and p99 of each and the
 * p99 overhead; also the handler's first call (cold start).
 *
 * <p>Those closed-loop runs send as fast as answers come back, so on a machine whose cores the
 * clients, the gateway and the store share they measure capacity: a path with more work per request
 * queues longer at every percentile. A gateway's latency overhead is read at equal offered load, so
 * a table of its own, printed first, sends at a fixed RATE (requests per second over all clients,
 * below every path's capacity), each request on its schedule, and measures its latency from its
 * scheduled start (a late request counts its wait: no coordinated omission).
 *
 * <p>With GATEWAY {@code process} the gateway runs as a user runs it, {@code bin/sluice serve} in a
 * JVM of its own ({@code -Dbench.sluice=PATH}, with the launcher's JVM options for {@code serve},
 * or {@code BENCH_GATEWAY_JAVA_OPTS} instead), so the client threads' allocation and collections
 * are not charged to it; with {@code -Dbench.sluice.base=PATH/bin/sluice} a second gateway from
 * another build is measured in the same runs, interleaved. At a fixed rate each path runs REPEATS
 * times, interleaved with the others, and its p99 is read from all of them together (2,000
 * latencies make the p99 the 20th-worst: one stall), with each run's p99 beside it for the spread,
 * and the GC pauses that fell inside the path's runs in the benchmark's JVM and in the gateway's.
 *
 * <pre>bench/run ServeBenchmark [REQUESTS_PER_RUN=2000] [workdir=target/bench-serve] [predict|-]
 *     [RATE=500] [GATEWAY=in-process|process] [REPEATS=1]
 * </pre>
 *
 * <p>To study one cell: {@code -Dbench.serve.clients=1 -Dbench.serve.routes=kv-get
 * -Dbench.serve.closedLoop=false}, and {@code -Dbench.serve.trace=DIR} for each request's time and
 * latency.
 */
public final class ServeBenchmark {

  private static final int ITEMS = 1000;

  /** The concurrencies measured, {@code -Dbench.serve.clients=1,8,64} (to study one cell alone). */
  private static final int[] CLIENTS =
      Arrays.stream(System.getProperty("bench.serve.clients", "1,8,64").split(","))
          .mapToInt(c -> Integer.parseInt(c.trim()))
          .toArray();

  /** The routes measured, {@code -Dbench.serve.routes=kv-get,function}. */
  private static final List<String> ROUTES =
      List.of(System.getProperty("bench.serve.routes", "kv-get,function").split(","));

  /**
   * With {@code -Dbench.serve.trace=DIR}, every fixed-rate run's requests, one file per run: index,
   * when it was due ({@link System#nanoTime()}, the gateway log's {@code timenanos}) and its
   * latency, to line the slow ones up with the gateway's GC, JIT and safepoint logs.
   */
  private static final String TRACE = System.getProperty("bench.serve.trace");

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    int requests = options.intNumber(0, 2000);
    int rate = options.intNumber(3, 500);
    boolean ownJvm = "process".equals(options.text(4, "in-process"));
    int repeats = options.intNumber(5, 1);
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
          "%d requests per run, %d items, dynalite %s, %d cores, gateway %s%n",
          requests,
          ITEMS,
          server.endpoint(),
          Runtime.getRuntime().availableProcessors(),
          ownJvm ? "in JVMs of their own (bin/sluice serve)" : "in the benchmark's JVM");
      System.out.printf(
          Locale.ROOT,
          "function cold start (first call of a new handler, direct): %.1f ms (init %s)%n",
          coldMs,
          direct.initDuration());
      List<Served> gateways = new ArrayList<>();
      try (SdkHttpClient apache = ApacheHttpClient.builder().maxConnections(64).build()) {
        if (ownJvm) {
          // The gateway as a user runs it; with -Dbench.sluice.base another build's gateway too,
          // measured in the same runs, interleaved, against the same references.
          String base = System.getProperty("bench.sluice.base");
          if (base != null) {
            gateways.add(
                new Served(
                    " [base]",
                    GatewayProcess.start(
                        Path.of(base).toAbsolutePath(),
                        "gateway-base",
                        api,
                        jar,
                        server.environment(),
                        work)));
          }
          gateways.add(
              new Served(
                  base == null ? "" : " [this build]",
                  GatewayProcess.start(
                      SluiceCommand.executable(),
                      "gateway",
                      api,
                      jar,
                      server.environment(),
                      work)));
        } else {
          gateways.add(
              new Served(
                  "",
                  Gateway.builder(ApiFile.load(api))
                      .port(0)
                      .keyValueStore(() -> store)
                      .functionJars(jars)
                      .start()));
        }
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Measured> kvGet = new ArrayList<>();
        List<Measured> function = new ArrayList<>();
        kvGet.add(new Measured("GetItem, SDK direct (reference)", null, i -> sdkGet(sdk, i)));
        function.add(
            new Measured("handler invoked directly (reference)", null, i -> invoke(direct, i)));
        for (Served g : gateways) {
          URI base = g.uri();
          kvGet.add(
              new Measured(
                  "kv-get through the gateway (Apache client)" + g.label(),
                  g,
                  i -> apacheGet(apache, base.resolve("/items/k" + (i % ITEMS)))));
          function.add(
              new Measured(
                  "function route through the gateway (Apache client)" + g.label(),
                  g,
                  i -> apacheGet(apache, base.resolve("/hello/n" + i))));
          if (!ownJvm) {
            // The JDK client hands each answer between its own threads: client cost the
            // reference does not pay (session 11); kept for comparison with earlier runs.
            kvGet.add(
                new Measured(
                    "kv-get through the gateway (JDK HttpClient)",
                    g,
                    i -> httpGet(jdk, base, "/items/k" + (i % ITEMS))));
            function.add(
                new Measured(
                    "function route through the gateway (JDK HttpClient)",
                    g,
                    i -> httpGet(jdk, base, "/hello/n" + i)));
          }
        }
        try {
          measure(requests, rate, repeats, kvGet, function);
        } finally {
          for (Served g : gateways) {
            g.close();
          }
        }
      }
    }
    if ("predict".equals(options.text(2, ""))) {
      ServePredictRun.predict(work, requests, rate);
    }
  }

  private static void measure(
      int requests, int rate, int repeats, List<Measured> kvGet, List<Measured> function)
      throws Exception {
    // Steady state first: every path at 8 clients until the JIT has compiled what it runs, in
    // rounds that alternate the paths (a gateway serves its routes mixed, and the code they share
    // is
    // compiled for all of them). C2 compiles a method called once per request after some 5,000 to
    // 15,000 calls: a shorter warm-up leaves it compiling during the measured runs, competing with
    // the requests for two cores (session 14: 275 C2 compilations in the measured runs after
    // 4,000).
    int warmUp = Math.max(requests * 2, Integer.getInteger("bench.serve.warmup", 20_000));
    int round = 2_000;
    List<List<Measured>> routes = new ArrayList<>();
    if (ROUTES.contains("kv-get")) {
      routes.add(kvGet);
    }
    if (ROUTES.contains("function")) {
      routes.add(function);
    }
    // Warmed up all the same: the code the routes share is compiled for the mix of both.
    List<Measured> everyPath = new ArrayList<>(kvGet);
    everyPath.addAll(function);
    if (TRACE != null) {
      Files.createDirectories(Path.of(TRACE));
      // nanoTime against the wall clock, to place the gateway's access-log lines (wall clock).
      Files.writeString(
          Path.of(TRACE, "clock.txt"),
          "epoch_nanos_minus_nanotime "
              + (System.currentTimeMillis() * 1_000_000L - System.nanoTime())
              + "\n");
    }
    List<Served> served =
        everyPath.stream().map(Measured::gateway).filter(g -> g != null).distinct().toList();
    // The fixed warm-up, then more rounds until no gateway's JIT compiled for more than SETTLED ms
    // in the last one: on two cores C2 is still draining first compilations of per-request code
    // after 20,000 requests (session 15: 4 s of compilation within the 1-client kv-get runs, half
    // the gateway's CPU per request there, no deoptimisation cycle among them), which a
    // long-running gateway is long past. Bounded by -Dbench.serve.warmupMax.
    long settled = Long.getLong("bench.serve.jitSettledMillis", 250);
    int most = Math.max(warmUp, Integer.getInteger("bench.serve.warmupMax", 100_000));
    // Once, after the fixed warm-up: no request for longer than the gateway's idle timeout, so it
    // closes every client connection and the rounds after it reconnect. Until a gateway has seen
    // that, C2's code for its per-request path assumes no connection ever ends: the first close
    // (in the measured runs, when the 1-client cell left the other connections idle) made ~60 of
    // Jetty's, NIO's and the HTTP client's compiled methods not entrant at once, and the 8-client
    // cell after it spent 1.3-1.7 s recompiling them (session 15, -Xlog:jit+compilation,class+load:
    // Jetty's HttpChannel$IdleTimeoutTask and ManagedSelector$DestroyEndPoint loaded then).
    long idlePause = Long.getLong("bench.serve.idlePauseMillis", 31_000);
    boolean paused = idlePause <= 0;
    int done = 0;
    double lastRound = Double.MAX_VALUE;
    while (done < warmUp || !paused || (settled > 0 && lastRound > settled && done < most)) {
      if (done >= warmUp && !paused) {
        System.err.printf(
            Locale.ROOT, "warm-up: %d ms without requests (connections idle)%n", idlePause);
        Thread.sleep(idlePause);
        paused = true;
        lastRound = Double.MAX_VALUE;
      }
      int n = done < warmUp ? Math.min(round, warmUp - done) : round;
      Round each =
          () -> {
            for (Measured m : everyPath) {
              LatencyRuns.run(8, n, 0, m.call());
            }
          };
      // The JIT is read (jcmd, a JVM start each) from the fixed warm-up's last round on.
      if (done + n >= warmUp && settled > 0) {
        lastRound = jitGrowth(served, each);
        System.err.printf(
            Locale.ROOT,
            "warm-up: %d per path, JIT %.0f ms in the last round%n",
            done + n,
            lastRound);
      } else {
        each.run();
      }
      done += n;
    }
    System.out.printf(
        Locale.ROOT,
        "warm-up: %d requests per path at 8 clients, the paths alternating every %d, %d ms idle"
            + " after the first %d (%d until the gateways' JIT compiled under %d ms in a round:"
            + " %.0f ms in the last), then %d more per path before each concurrency%n",
        done,
        round,
        idlePause,
        warmUp,
        done - warmUp,
        settled,
        lastRound,
        requests / 4);
    double[] jitAfterWarmUp = new double[served.size()];
    for (int g = 0; g < served.size(); g++) {
      jitAfterWarmUp[g] = served.get(g).jitMillis();
    }
    System.out.printf(
        Locale.ROOT,
        "%nAt a fixed offered load of %d requests/s over all clients (open loop, latency from"
            + " each request's scheduled start), %d run(s) of %d requests per path and"
            + " concurrency, the paths interleaved; p99 of all %d, then of each run; GC: pauses"
            + " that fell inside the path's runs (benchmark JVM: count/ms; gateway JVM:"
            + " count/longest ms); KB: allocated per request by the benchmark JVM's threads;"
            + " the gateway JVM's CPU time, thread context switches (/proc) and allocation (jcmd)"
            + " per request; the gateway JVM's JIT time over the path's runs:%n",
        rate,
        repeats,
        requests,
        repeats * requests);
    System.out.println(
        "| run | clients | p50 ms | p99 ms | p99 over the reference | p99 of each run ms |"
            + " GC bench | GC gateway | KB/request | gateway per request: CPU us / switches / KB |"
            + " gateway JIT ms |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (List<Measured> paths : routes) {
      for (int clients : CLIENTS) {
        List<List<LatencyRuns.Result>> runs = new ArrayList<>();
        List<List<Double>> gatewayPauses = new ArrayList<>();
        long[][] gatewayUse = new long[paths.size()][3];
        double[] jit = new double[paths.size()];
        for (int p = 0; p < paths.size(); p++) {
          runs.add(new ArrayList<>());
          gatewayPauses.add(new ArrayList<>());
        }
        for (int rep = 0; rep < repeats; rep++) {
          for (int p = 0; p < paths.size(); p++) {
            Measured m = paths.get(p);
            List<Double> before = m.gateway() == null ? List.of() : m.gateway().pauses();
            long allocated = m.gateway() == null ? 0 : m.gateway().allocatedBytes();
            long[] used = m.gateway() == null ? new long[2] : m.gateway().cpuTicksAndSwitches();
            double compiling = m.gateway() == null ? 0 : m.gateway().jitMillis();
            LatencyRuns.Result run = LatencyRuns.run(clients, requests, rate, m.call());
            runs.get(p).add(run);
            if (TRACE != null) {
              trace(run, rate, m.name(), clients, p, rep);
            }
            if (m.gateway() != null) {
              List<Double> after = m.gateway().pauses();
              gatewayPauses.get(p).addAll(after.subList(before.size(), after.size()));
              long[] now = m.gateway().cpuTicksAndSwitches();
              gatewayUse[p][0] += now[0] - used[0];
              gatewayUse[p][1] += now[1] - used[1];
              gatewayUse[p][2] += m.gateway().allocatedBytes() - allocated;
              jit[p] += m.gateway().jitMillis() - compiling;
            }
          }
        }
        LatencyRuns.Result reference = LatencyRuns.Result.pooled(runs.get(0));
        for (int p = 0; p < paths.size(); p++) {
          LatencyRuns.Result all = LatencyRuns.Result.pooled(runs.get(p));
          List<Double> pauses = gatewayPauses.get(p);
          System.out.printf(
              Locale.ROOT,
              "| %s | %d | %.2f | %.2f | %s | %s | %d/%d | %s | %.1f | %s | %s |%n",
              paths.get(p).name(),
              clients,
              all.p50Ms(),
              all.p99Ms(),
              p == 0 ? "" : String.format(Locale.ROOT, "%+.2f ms", all.p99Ms() - reference.p99Ms()),
              runs.get(p).stream()
                  .map(r -> String.format(Locale.ROOT, "%.2f", r.p99Ms()))
                  .collect(Collectors.joining(" / ")),
              all.collections(),
              all.gcMillis(),
              paths.get(p).gateway() == null || !paths.get(p).gateway().ownJvm()
                  ? "-"
                  : String.format(
                      Locale.ROOT,
                      "%d/%.1f",
                      pauses.size(),
                      pauses.stream().mapToDouble(Double::doubleValue).max().orElse(0)),
              all.allocatedKbPerRequest(),
              paths.get(p).gateway() == null || !paths.get(p).gateway().ownJvm()
                  ? "-"
                  : String.format(
                      Locale.ROOT,
                      "%.0f / %.2f / %.1f",
                      gatewayUse[p][0] * 10_000.0 / all.requests(),
                      gatewayUse[p][1] / (double) all.requests(),
                      gatewayUse[p][2] / 1024.0 / all.requests()),
              paths.get(p).gateway() == null || !paths.get(p).gateway().ownJvm()
                  ? "-"
                  : String.format(Locale.ROOT, "%.0f", jit[p]));
          System.out.flush();
        }
      }
    }
    // After the fixed-rate table, which reads against issue 18's targets: the closed loop at 64
    // clients takes the gateway down paths the warm-up did not (more of Jetty's threads, contended
    // locks), and the JIT compiled them during the fixed-rate runs that followed (session 15).
    System.out.println(
        "\nClosed loop (each client sends when its last answer came: capacity on these cores,"
            + " not added latency):");
    System.out.println("| run | clients | requests/s | p50 ms | p99 ms | p99 over the reference |");
    System.out.println("|---|---|---|---|---|---|");
    // -Dbench.serve.closedLoop=false: the fixed-rate table alone.
    boolean closedLoop = !"false".equals(System.getProperty("bench.serve.closedLoop"));
    for (List<Measured> paths : closedLoop ? routes : List.<List<Measured>>of()) {
      for (int clients : CLIENTS) {
        for (Measured m : paths) {
          LatencyRuns.run(clients, requests / 4, 0, m.call());
        }
        LatencyRuns.Result reference = null;
        for (Measured m : paths) {
          LatencyRuns.Result r = LatencyRuns.run(clients, requests, 0, m.call());
          reference = reference == null ? r : reference;
          LatencyRuns.print(m.name(), clients, r, reference);
        }
      }
    }
    for (int g = 0; g < served.size(); g++) {
      if (served.get(g).ownJvm()) {
        System.out.printf(
            Locale.ROOT,
            "gateway%s JIT compilation: %.0f ms until the end of the warm-up, %.0f ms in the"
                + " measured runs after it%n",
            served.get(g).label(),
            jitAfterWarmUp[g],
            served.get(g).jitMillis() - jitAfterWarmUp[g]);
      }
    }
  }

  /** A round of requests. */
  @FunctionalInterface
  private interface Round {
    void run() throws Exception;
  }

  /** The most JIT time any of the gateways spent while {@code round} ran, in milliseconds. */
  private static double jitGrowth(List<Served> served, Round round) throws Exception {
    double[] before = new double[served.size()];
    for (int g = 0; g < served.size(); g++) {
      before[g] = served.get(g).jitMillis();
    }
    round.run();
    double most = 0;
    for (int g = 0; g < served.size(); g++) {
      most = Math.max(most, served.get(g).jitMillis() - before[g]);
    }
    return most;
  }

  /** One fixed-rate run's requests: index, when due (nanoTime), latency (ns); "#" the path. */
  private static void trace(
      LatencyRuns.Result run, int rate, String name, int clients, int path, int rep)
      throws IOException {
    StringBuilder lines = new StringBuilder("# ").append(name).append('\n');
    long[] latencies = run.byIndex();
    for (int i = 0; i < latencies.length; i++) {
      lines
          .append(i)
          .append('\t')
          .append(run.start() + i * 1_000_000_000L / rate)
          .append('\t')
          .append(latencies[i])
          .append('\n');
    }
    Files.writeString(Path.of(TRACE, "c" + clients + "-p" + path + "-r" + rep + ".tsv"), lines);
  }

  /** A path measured: its name in the table, the gateway it goes through (or null), a request. */
  record Measured(String name, Served gateway, LatencyRuns.Call call) {}

  /** A gateway measured: in this JVM ({@link Gateway}) or in its own ({@link GatewayProcess}). */
  record Served(String label, AutoCloseable gateway) {
    URI uri() {
      return gateway instanceof Gateway g ? g.uri() : ((GatewayProcess) gateway).uri();
    }

    boolean ownJvm() {
      return gateway instanceof GatewayProcess;
    }

    List<Double> pauses() throws IOException {
      return gateway instanceof GatewayProcess p ? p.pauses() : List.of();
    }

    long[] cpuTicksAndSwitches() throws IOException {
      return gateway instanceof GatewayProcess p ? p.cpuTicksAndSwitches() : new long[2];
    }

    long allocatedBytes() throws IOException, InterruptedException {
      return gateway instanceof GatewayProcess p ? p.allocatedBytes() : 0;
    }

    double jitMillis() throws IOException, InterruptedException {
      return gateway instanceof GatewayProcess p ? p.jitMillis() : 0;
    }

    void close() throws Exception {
      gateway.close();
    }
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
