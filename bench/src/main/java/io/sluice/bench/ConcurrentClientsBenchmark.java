package io.sluice.bench;

import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyType;
import io.sluice.storage.StorageConfig;
import io.sluice.storage.s3.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The embedded S3 endpoint and the KV server (dynalite) under concurrent clients on loopback: each
 * client, with an SDK client of its own, puts then gets back its own keys, a bounded number of
 * times; every answer is compared with what was put, and afterwards every key is listed (S3) or
 * scanned (KV). Prints requests per second, errors and lost objects/items, which must be 0.
 *
 * <pre>
 * bench/run ConcurrentClientsBenchmark [CLIENTS=32] [PUTS_PER_CLIENT=200] [workdir=target/bench-clients]
 * </pre>
 */
public final class ConcurrentClientsBenchmark {

  /** What one server did under the load: requests are puts plus gets. */
  public record Outcome(
      String server, int clients, int perClient, long errors, long lost, Duration elapsed) {
    public long requests() {
      return 2L * clients * perClient;
    }

    public double requestsPerSecond() {
      return requests() / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%s: %d clients x %d puts+gets = %d requests in %.1f s, %.0f requests/s, %d errors, %d lost",
          server,
          clients,
          perClient,
          requests(),
          elapsed.toNanos() / 1e9,
          requestsPerSecond(),
          errors,
          lost);
    }
  }

  private interface ClientWork {
    /** One client's puts and gets; returns its errors. */
    long run(int client) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    int clients = options.intNumber(0, 32);
    int perClient = options.intNumber(1, 200);
    Path work = options.workDir(2, "target/bench-clients");
    try (EmbeddedS3 s3 = EmbeddedS3.start(work.resolve("s3-" + System.nanoTime()), 0)) {
      System.out.println(s3(s3.storageConfig(), "load", clients, perClient));
    }
    try (EmbeddedDynamoDb kv = EmbeddedDynamoDb.startInMemory()) {
      System.out.println(kv(kv.config(), "load", clients, perClient));
    }
  }

  /** {@code clients} S3 clients putting and getting 1 KiB objects in {@code bucket} (created). */
  public static Outcome s3(StorageConfig storage, String bucket, int clients, int perClient)
      throws Exception {
    try (S3Client admin = s3Client(storage)) {
      admin.createBucket(b -> b.bucket(bucket));
      Run run =
          concurrently(
              clients,
              client -> {
                long errors = 0;
                try (S3Client s3 = s3Client(storage)) {
                  for (int i = 0; i < perClient; i++) {
                    String key = key(client, i);
                    byte[] body = payload(key);
                    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
                    byte[] back = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
                    errors += Arrays.equals(body, back) ? 0 : 1;
                  }
                }
                return errors;
              });
      long found =
          admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
              .filter(o -> o.size() == payload(o.key()).length)
              .count();
      return run.outcome("embedded S3", clients, perClient, found);
    }
  }

  /** {@code clients} DynamoDB clients putting and getting items in {@code table} (created). */
  public static Outcome kv(DynamoDbConfig config, String table, int clients, int perClient)
      throws Exception {
    try (DynamoDbKeyValueStore admin = new DynamoDbKeyValueStore(config)) {
      admin.createTableIfMissing(table, KeySchema.of(new KeyAttribute("id", KeyType.S)));
      Run run =
          concurrently(
              clients,
              client -> {
                long errors = 0;
                try (DynamoDbKeyValueStore kv = new DynamoDbKeyValueStore(config)) {
                  for (int i = 0; i < perClient; i++) {
                    String key = key(client, i);
                    String body = new String(payload(key), StandardCharsets.ISO_8859_1);
                    kv.put(
                        table,
                        Map.of(
                            "id", AttributeValue.fromS(key), "body", AttributeValue.fromS(body)));
                    Optional<Map<String, AttributeValue>> back =
                        kv.get(table, Map.of("id", AttributeValue.fromS(key)));
                    errors += back.isPresent() && body.equals(back.get().get("body").s()) ? 0 : 1;
                  }
                }
                return errors;
              });
      long found = 0;
      for (Map<String, AttributeValue> item : admin.scan(table, Integer.MAX_VALUE)) {
        found++;
      }
      return run.outcome("KV server (dynalite)", clients, perClient, found);
    }
  }

  private record Run(Duration elapsed, long errors) {
    /** The outcome, given how many of the {@code clients * perClient} keys were found after. */
    Outcome outcome(String server, int clients, int perClient, long found) {
      return new Outcome(
          server, clients, perClient, errors, (long) clients * perClient - found, elapsed);
    }
  }

  /** Runs every client at once on a thread of its own; a client that throws is one more error. */
  private static Run concurrently(int clients, ClientWork work) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        results.add(pool.submit(() -> work.run(client)));
      }
      long errors = 0;
      for (Future<Long> result : results) {
        try {
          errors += result.get();
        } catch (ExecutionException e) {
          System.err.println("client failed: " + e.getCause());
          errors++;
        }
      }
      return new Run(Duration.ofNanos(System.nanoTime() - start), errors);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String key(int client, int i) {
    return String.format(Locale.ROOT, "client-%02d/item-%05d", client, i);
  }

  /** 1 KiB derived from the key, so a read-back or a listing can be checked against it. */
  private static byte[] payload(String key) {
    byte[] body = new byte[1024];
    int h = key.hashCode();
    for (int i = 0; i < body.length; i++) {
      h = h * 31 + i;
      body[i] = (byte) ('a' + Math.floorMod(h, 26));
    }
    return body;
  }

  private static S3Client s3Client(StorageConfig storage) {
    return S3Client.builder()
        .endpointOverride(storage.s3Endpoint())
        .forcePathStyle(storage.pathStyleAccess())
        .region(Region.of(storage.region()))
        .credentialsProvider(storage.credentials().provider())
        .httpClient(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build())
        .build();
  }

  private ConcurrentClientsBenchmark() {}
}
