package io.sluice.bench;

import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.kv.Json;
import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
import io.sluice.serve.ApiFile;
import io.sluice.serve.Gateway;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * Where a kv-get request's thread switches go: the gateway in this JVM on dynalite, one client at
 * 500 requests/s, and per request the context switches (voluntary / not) and CPU time of this JVM's
 * threads by name, from /proc/self/task (Linux). Two rounds of REQUESTS; the second is printed, so
 * timers set by the first (a 10 s route timeout) fall due in it, as in a long-running gateway. The
 * {@code java} row is the client. Counts per request do not depend on how busy the machine is.
 *
 * <pre>bench/run GatewayThreadsBenchmark [REQUESTS=20000]</pre>
 */
public final class GatewayThreadsBenchmark {

  private static final int ITEMS = 100;
  private static final long EVERY_NANOS = 2_000_000L; // 500 requests/s

  public static void main(String[] args) throws Exception {
    int requests = new BenchArgs(args).intNumber(0, 20_000);
    Path work = Files.createTempDirectory("gateway-threads");
    Path api = work.resolve("api.yaml");
    Files.writeString(
        api, "routes:\n  - route: GET /items/{id}\n    kv-get: {table: items, key: id}\n");
    try (EmbeddedDynamoDb server = EmbeddedDynamoDb.startInMemory();
        DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(server.config())) {
      store.createTableIfMissing("items", KeySchema.of(KeyAttribute.parse("id")));
      for (int i = 0; i < ITEMS; i++) {
        store.put("items", Json.toItem("{\"id\":\"k" + i + "\"}"));
      }
      try (Gateway gateway =
              Gateway.builder(ApiFile.load(api)).port(0).keyValueStore(() -> store).start();
          SdkHttpClient http = ApacheHttpClient.builder().build()) {
        Map<String, long[]> before = Map.of();
        for (int round = 0; round < 2; round++) {
          before = threads();
          long start = System.nanoTime();
          for (int i = 0; i < requests; i++) {
            long due = start + i * EVERY_NANOS;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
              LockSupport.parkNanos(wait);
            }
            SdkHttpRequest get =
                SdkHttpRequest.builder()
                    .method(SdkHttpMethod.GET)
                    .uri(gateway.uri().resolve("/items/k" + (i % ITEMS)))
                    .build();
            var answer = http.prepareRequest(HttpExecuteRequest.builder().request(get).build());
            var response = answer.call();
            try (InputStream body = response.responseBody().orElseThrow()) {
              body.readAllBytes();
            }
            if (response.httpResponse().statusCode() != 200) {
              throw new IllegalStateException("answered " + response.httpResponse().statusCode());
            }
          }
        }
        print(before, threads(), requests);
      }
    }
  }

  private static void print(Map<String, long[]> before, Map<String, long[]> after, int requests) {
    Map<String, double[]> byName = new TreeMap<>();
    after.forEach(
        (id, now) -> {
          long[] was = before.getOrDefault(id, new long[3]);
          double[] row =
              byName.computeIfAbsent(id.substring(0, id.indexOf('|')), n -> new double[4]);
          row[0] += (now[0] - was[0]) / (double) requests;
          row[1] += (now[1] - was[1]) / (double) requests;
          row[2] += (now[2] - was[2]) * 10_000.0 / requests; // clock ticks of 10 ms
          row[3]++;
        });
    System.out.printf(
        Locale.ROOT, "%d kv-get requests at 500/s, 1 client; per request:%n", requests);
    System.out.println(
        "| threads (name, digits as #) | count | voluntary | involuntary | CPU us |");
    System.out.println("|---|---|---|---|---|");
    byName.forEach(
        (name, r) -> {
          if (r[0] + r[1] >= 0.05) {
            System.out.printf(
                Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.0f |%n", name, r[3], r[0], r[1], r[2]);
          }
        });
  }

  /** Per live thread (name|tid): voluntary and involuntary switches, user+system clock ticks. */
  private static Map<String, long[]> threads() throws IOException {
    Map<String, long[]> all = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
          long[] counts = new long[3];
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              counts[0] = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
              counts[1] = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          counts[2] = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          all.put(name + "|" + task.getFileName(), counts);
        } catch (IOException ended) {
          // the thread ended while listed
        }
      }
    }
    return all;
  }
}
