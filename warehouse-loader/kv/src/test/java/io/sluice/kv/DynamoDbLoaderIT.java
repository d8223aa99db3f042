package io.sluice.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.errors.InvalidInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The loader against a real DynamoDB API server (dynalite, started once for the class): counts
 * reconcile with the input, bad rows are quarantined with their row and reason, and batches that
 * are throttled or only partly processed (a fault-injecting proxy in front of the real server) are
 * retried without losing or duplicating an item.
 */
class DynamoDbLoaderIT extends EmbeddedDynamoDbTestBase {

  @TempDir Path dir;

  private KvLoadResult load(
      KeyValueStore target,
      DynamoDbConfig pacing,
      Path input,
      String table,
      String key,
      String sortKey) {
    return new DynamoDbLoader(target, pacing, new Configuration())
        .load(
            new KvLoadRequest(
                input.toString(),
                table,
                key,
                sortKey,
                dir.resolve("quarantine-" + table + ".jsonl"),
                Duration.ofSeconds(1)));
  }

  private static long count(String table) {
    long n = 0;
    for (Map<String, AttributeValue> ignored : store.scan(table, 0)) {
      n++;
    }
    return n;
  }

  @Test
  void csvCountsReconcileAndBadRowsAreQuarantined() throws IOException {
    StringBuilder csv = new StringBuilder("id,name,city\n");
    for (int i = 1; i <= 1000; i++) {
      csv.append(i).append(",name-").append(i).append(",\"Town, ").append(i % 7).append("\"\n");
    }
    csv.append("17,renamed,\"Quoted \"\"again\"\"\"\n"); // row 1001: repeats key 17, later row wins
    csv.append("2000,too,many,fields\n"); // row 1002: bad field count
    csv.append(",no key,x\n"); // row 1003: empty key
    csv.append("abc,not a number,x\n"); // row 1004: key declared numeric
    csv.append("3000,").append("x".repeat(410 * 1024)).append(",big\n"); // row 1005: over 400 KB
    Path input = dir.resolve("people.csv");
    Files.writeString(input, csv, StandardCharsets.UTF_8);

    KvLoadResult result = load(store, server.config(), input, "people", "id:N", null);

    assertEquals(1005, result.read());
    assertEquals(1001, result.written(), result.summary());
    assertEquals(4, result.rejected(), result.summary());
    assertEquals(0, result.failed());
    assertTrue(result.reconciles());
    assertEquals(1000, count("people"), "1000 distinct keys");
    Map<String, AttributeValue> seventeen =
        store.get("people", store.keySchema("people").keyOf("17", null)).orElseThrow();
    assertEquals("renamed", seventeen.get("name").s());
    assertEquals("Quoted \"again\"", seventeen.get("city").s());
    assertEquals(
        "Town, 5",
        store
            .get("people", store.keySchema("people").keyOf("5", null))
            .orElseThrow()
            .get("city")
            .s());

    List<String> quarantined = Files.readAllLines(result.quarantine());
    assertEquals(4, quarantined.size(), String.join("\n", quarantined));
    assertTrue(
        quarantined.get(0).contains("\"row\":1002")
            && quarantined.get(0).contains("line 1003")
            && quarantined.get(0).contains("4 fields, the header has 3"),
        quarantined.get(0));
    assertTrue(quarantined.get(1).contains("key attribute 'id' is missing"), quarantined.get(1));
    assertTrue(
        quarantined.get(2).contains("key column 'id' is a number, got 'abc'"), quarantined.get(2));
    assertTrue(
        quarantined.get(3).contains("\"key\":\"id=3000\"")
            && quarantined.get(3).contains("400 KB limit"),
        quarantined.get(3).substring(0, 300));
  }

  @Test
  void parquetTypesMapToAttributeValuesAndSortKeysQuery() throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message m {"
                + " required binary customer (STRING); required int64 order_no; optional double amount;"
                + " optional int64 price (DECIMAL(12,2)); optional int32 day (DATE);"
                + " optional int64 at (TIMESTAMP(MICROS,true)); optional boolean paid; optional binary blob;"
                + " optional group tags (LIST) { repeated group list { optional binary element (STRING); } }"
                + " optional group attrs (MAP) { repeated group key_value { required binary key (STRING);"
                + "   optional int32 value; } }"
                + " optional group address { optional binary city (STRING); optional int32 zip; }"
                + "}");
    Path input = dir.resolve("orders.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    Instant at = Instant.parse("2024-03-01T10:15:30.123456Z");
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(input)).withType(schema).build()) {
      for (int c = 0; c < 3; c++) {
        for (long o = 1; o <= 40; o++) {
          Group g = groups.newGroup().append("customer", "c" + c).append("order_no", o);
          if (o != 40) { // order 40 has only its key: nulls are left out of the item
            g.append("amount", o * 1.5)
                .append("price", 1999L)
                .append("day", (int) LocalDate.of(2024, 3, 1).toEpochDay())
                .append("at", at.getEpochSecond() * 1_000_000L + 123_456L)
                .append("paid", o % 2 == 0)
                .append("blob", Binary.fromConstantByteArray(new byte[] {1, 2, 3}));
            Group tags = g.addGroup("tags");
            tags.addGroup("list").append("element", "new");
            tags.addGroup("list").append("element", "gift");
            g.addGroup("attrs").addGroup("key_value").append("key", "weight").append("value", 12);
            g.addGroup("address").append("city", "Lyon").append("zip", 69001);
          }
          writer.write(g);
        }
      }
    }

    KvLoadResult result = load(store, server.config(), input, "orders", "customer", "order_no");
    assertEquals(120, result.read());
    assertEquals(120, result.written(), result.summary());
    assertNull(result.quarantine());
    assertEquals(
        new KeySchema(
            new KeyAttribute("customer", KeyType.S), new KeyAttribute("order_no", KeyType.N)),
        store.keySchema("orders"));

    Map<String, AttributeValue> item =
        store.get("orders", store.keySchema("orders").keyOf("c1", "3")).orElseThrow();
    assertEquals(0, new BigDecimal("4.5").compareTo(new BigDecimal(item.get("amount").n())));
    assertEquals("19.99", item.get("price").n());
    assertEquals("2024-03-01", item.get("day").s());
    assertEquals("2024-03-01T10:15:30.123456Z", item.get("at").s());
    assertEquals(Boolean.FALSE, item.get("paid").bool());
    assertEquals(3, item.get("blob").b().asByteArray().length);
    assertEquals(
        List.of("new", "gift"), item.get("tags").l().stream().map(AttributeValue::s).toList());
    assertEquals("12", item.get("attrs").m().get("weight").n());
    assertEquals("Lyon", item.get("address").m().get("city").s());
    Map<String, AttributeValue> bare =
        store.get("orders", store.keySchema("orders").keyOf("c2", "40")).orElseThrow();
    assertEquals(
        Map.of("customer", AttributeValue.fromS("c2"), "order_no", AttributeValue.fromN("40")),
        bare);

    int between = 0;
    for (Map<String, AttributeValue> ignored :
        store.query(
            "orders",
            "c1",
            SortKeyCondition.of(SortKeyCondition.Operator.BETWEEN, "10", "19"),
            0)) {
      between++;
    }
    assertEquals(10, between);
  }

  @Test
  void throttledAndPartlyProcessedBatchesAreRetriedWithoutLossOrDuplicates() throws IOException {
    StringBuilder csv = new StringBuilder("sku,qty\n");
    for (int i = 0; i < 1000; i++) {
      csv.append("sku-").append(i).append(',').append(i * 3).append('\n');
    }
    Path input = dir.resolve("stock.csv");
    Files.writeString(input, csv, StandardCharsets.UTF_8);

    try (FaultInjectingDynamoDbProxy proxy = new FaultInjectingDynamoDbProxy(server.endpoint());
        DynamoDbKeyValueStore throughProxy =
            new DynamoDbKeyValueStore(
                server.config().withLocalEndpoint(proxy.endpoint()).toBuilder()
                    .backoff(Duration.ofMillis(5), Duration.ofMillis(100))
                    .batchesInFlight(4)
                    .build())) {
      KvLoadResult result = load(throughProxy, throughProxy.config(), input, "stock", "sku", null);

      assertTrue(proxy.throttled.get() > 5, "throttled calls injected: " + proxy.throttled.get());
      assertTrue(
          proxy.partial.get() > 5, "partly processed calls injected: " + proxy.partial.get());
      assertTrue(result.retries() >= proxy.throttled.get() + proxy.partial.get(), result.summary());
      assertEquals(1000, result.read());
      assertEquals(1000, result.written(), result.summary());
      assertEquals(0, result.rejected() + result.failed());
    }
    assertEquals(1000, count("stock"), "every item once");
    Map<String, Integer> qty = new HashMap<>();
    for (Map<String, AttributeValue> i : store.scan("stock", 0)) {
      qty.merge(i.get("sku").s(), Integer.parseInt(i.get("qty").s()), (a, b) -> -1);
    }
    for (int i = 0; i < 1000; i++) {
      assertEquals(i * 3, qty.get("sku-" + i), "sku-" + i);
    }
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path input = dir.resolve("x.csv");
    Files.writeString(input, "a,b\n1,2\n");
    InvalidInputException noColumn =
        assertThrows(
            InvalidInputException.class,
            () -> load(store, server.config(), input, "xtable", "id", null));
    assertTrue(
        noColumn.getMessage().contains("key column 'id' is not in")
            && noColumn.getMessage().contains("a, b"),
        noColumn.getMessage());
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class,
            () -> load(store, server.config(), dir.resolve("nothing.csv"), "xtable", "a", null));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }
}
