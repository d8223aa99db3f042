package io.sluice.bench;

import io.sluice.kv.DynamoDbConfig;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.DynamoDbLoader;
import io.sluice.kv.EmbeddedDynamoDb;
import io.sluice.kv.ItemSource;
import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyType;
import io.sluice.kv.KvLoadRequest;
import io.sluice.kv.KvLoadResult;
import io.sluice.kv.SourceRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Items from Parquet into a DynamoDB API server (dynalite, in memory, on this machine): our loader
 * (BatchWriteItem, 25 items per call, 8 calls in flight) vs. the reference, one PutItem per item in
 * input order with the same SDK and HTTP client. Both read the same Parquet file the same way;
 * every table is counted afterwards.
 *
 * <pre>bench/run KeyValueLoadBenchmark [ITEMS=100000] [workdir=target/bench-kv]</pre>
 */
public final class KeyValueLoadBenchmark {

  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message order {"
              + " required int64 order_id; required binary customer (STRING); required double amount;"
              + " required binary status (STRING); required int32 quantity; }");

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    int items = options.intNumber(0, 100_000);
    Path work = options.workDir(1, "target/bench-kv");
    Path input =
        KeptInputs.of(work.resolve("orders-" + items + ".parquet"), f -> writeOrders(f, items));
    Configuration conf = new Configuration();
    KeySchema key = KeySchema.of(new KeyAttribute("order_id", KeyType.N));

    try (EmbeddedDynamoDb server = EmbeddedDynamoDb.startInMemory();
        DynamoDbKeyValueStore store = new DynamoDbKeyValueStore(server.config());
        DynamoDbClient single =
            DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(server.config().credentials().provider())
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
      System.out.printf(
          Locale.ROOT,
          "%d items, %d bytes of Parquet, server %s (dynalite, in memory)%n",
          items,
          Files.size(input),
          server.endpoint());
      store.createTableIfMissing("reference", key);

      BenchmarkTimer timer = new BenchmarkTimer();
      long puts =
          timer.time(
              "one PutItem per item",
              () -> {
                long n = 0;
                try (ItemSource source = ItemSource.open(input.toString(), conf)) {
                  SourceRow row;
                  while ((row = source.next()) != null) {
                    var item = row.item();
                    single.putItem(b -> b.tableName("reference").item(item));
                    n++;
                  }
                }
                return n;
              });
      DynamoDbConfig pacing = server.config();
      KvLoadResult result =
          timer.time(
              "DynamoDbLoader (BatchWriteItem x" + pacing.batchesInFlight() + ")",
              () ->
                  new DynamoDbLoader(store, pacing, conf)
                      .load(
                          new KvLoadRequest(
                              input.toString(),
                              "loaded",
                              "order_id",
                              null,
                              work.resolve("quarantine.jsonl"),
                              Duration.ofSeconds(10))));
      System.out.println(result.summary());

      long referenceCount = count(single, "reference");
      long loadedCount = count(single, "loaded");
      if (puts != items
          || referenceCount != items
          || loadedCount != items
          || result.written() != items) {
        throw new IllegalStateException(
            "counts differ: items="
                + items
                + " puts="
                + puts
                + " reference table="
                + referenceCount
                + " loaded table="
                + loadedCount
                + " loader written="
                + result.written());
      }
      System.out.printf(Locale.ROOT, "%ncounts check: %d items in each table%n", items);
      timer.printRatios("one PutItem per item", Files.size(input));
      System.out.printf(
          Locale.ROOT,
          "speed-up of the loader over one PutItem per item: %.1fx (target >= 5x)%n",
          timer.seconds("one PutItem per item")
              / timer.seconds("DynamoDbLoader (BatchWriteItem x" + pacing.batchesInFlight() + ")"));
    }
  }

  private static long count(DynamoDbClient client, String table) {
    return client.scanPaginator(b -> b.tableName(table).select(Select.COUNT)).stream()
        .mapToLong(r -> r.count())
        .sum();
  }

  private static void writeOrders(Path file, int items) throws Exception {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    SplittableRandom random = new SplittableRandom(7);
    String[] statuses = {"NEW", "PAID", "SHIPPED", "DELIVERED", "RETURNED"};
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA).build()) {
      for (long i = 1; i <= items; i++) {
        writer.write(
            groups
                .newGroup()
                .append("order_id", i)
                .append("customer", "customer-" + random.nextInt(10_000))
                .append("amount", Math.round(random.nextDouble() * 100_000) / 100.0)
                .append("status", statuses[random.nextInt(statuses.length)])
                .append("quantity", 1 + random.nextInt(20)));
      }
    }
  }
}
