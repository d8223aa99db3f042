package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyType;
import io.sluice.warehouse.QueryResult;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB API server is one per class; a DuckDB file is one per test. */
@SluiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyValueAndWarehouseIT {

  private static DynamoDbServer firstServer;
  private static DuckDbFile firstWarehouse;

  @Test
  @Order(1)
  void storeAnItem(DynamoDbServer dynamoDb, DuckDbFile duckDb) {
    firstServer = dynamoDb;
    firstWarehouse = duckDb;
    assertTrue(dynamoDb.endpoint().matches("http://127\\.0\\.0\\.1:\\d+"), dynamoDb.endpoint());
    KeySchema key = new KeySchema(new KeyAttribute("id", KeyType.S), null);
    assertTrue(dynamoDb.store().createTableIfMissing("items", key));
    dynamoDb
        .store()
        .put(
            "items", Map.of("id", AttributeValue.fromS("1"), "name", AttributeValue.fromS("mill")));
    QueryResult r = duckDb.query("SELECT 41 + 1 AS answer");
    assertEquals("42", String.valueOf(r.rows().get(0).get(0)));
    duckDb.query("CREATE TABLE t AS SELECT 1 AS x");
    assertTrue(Files.exists(duckDb.path()));
  }

  @Test
  @Order(2)
  void theServerAndItsTablesOutliveTheTestButTheWarehouseDoesNot(
      DynamoDbServer dynamoDb, DuckDbFile duckDb) {
    assertSame(firstServer, dynamoDb);
    assertSame(dynamoDb.store(), dynamoDb.store());
    assertEquals(
        "mill",
        dynamoDb
            .store()
            .get("items", Map.of("id", AttributeValue.fromS("1")))
            .orElseThrow()
            .get("name")
            .s());
    assertNotEquals(firstWarehouse.path(), duckDb.path());
    assertTrue(
        Files.notExists(firstWarehouse.path()), "the previous test's DuckDB file is deleted");
    assertEquals("duckdb:" + duckDb.path(), duckDb.target());
    assertEquals(
        0,
        duckDb
                    .query("SELECT count(*) FROM information_schema.tables WHERE table_name = 't'")
                    .rows()
                    .get(0)
                    .get(0)
                instanceof Number n
            ? n.intValue()
            : -1);
  }
}
