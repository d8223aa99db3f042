package io.sluice.kv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The store's table administration: creating a table (or checking the one there), waiting until it
 * is ACTIVE, and each table's key schema, described once and remembered.
 */
final class DynamoDbTables {

  // The store's logger, so log lines keep the name they always had.
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbKeyValueStore.class);
  private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration TABLE_POLL_INTERVAL = Duration.ofMillis(100);

  private final DynamoDbClient client;
  private final DynamoDbCalls calls;
  private final String endpoint;
  private final Map<String, KeySchema> keys = new ConcurrentHashMap<>();

  DynamoDbTables(DynamoDbClient client, DynamoDbCalls calls, String endpoint) {
    this.client = client;
    this.calls = calls;
    this.endpoint = endpoint;
  }

  /** See {@link KeyValueStore#createTableIfMissing}. */
  boolean createTableIfMissing(String table, KeySchema key) {
    Optional<TableDescription> existing = describe(table);
    if (existing.isPresent()) {
      KeySchema actual = toKeySchema(existing.get());
      if (!actual.equals(key)) {
        throw new InvalidItemException(
            "table '" + table + "' exists with key " + render(actual) + ", not " + render(key));
      }
      waitUntilActive(table);
      return false;
    }
    List<KeySchemaElement> schema = new ArrayList<>();
    List<AttributeDefinition> definitions = new ArrayList<>();
    schema.add(element(key.partitionKey(), KeyType.HASH));
    definitions.add(definition(key.partitionKey()));
    key.sort()
        .ifPresent(
            s -> {
              schema.add(element(s, KeyType.RANGE));
              definitions.add(definition(s));
            });
    boolean created;
    try {
      calls.withRetries(
          table,
          () ->
              client.createTable(
                  b ->
                      b.tableName(table)
                          .keySchema(schema)
                          .attributeDefinitions(definitions)
                          .billingMode(BillingMode.PAY_PER_REQUEST)));
      created = true;
      LOG.info("created table {} with key {} at {}", table, render(key), endpoint);
    } catch (KeyValueStoreException e) {
      if (!(e.getCause() instanceof ResourceInUseException)) {
        throw e;
      }
      created = false; // another writer created it between our describe and create
    }
    waitUntilActive(table);
    keys.put(table, key);
    return created;
  }

  /** See {@link KeyValueStore#keySchema}. */
  KeySchema keySchema(String table) {
    KeySchema key = keys.get(table);
    if (key == null) {
      key =
          toKeySchema(describe(table).orElseThrow(() -> new NoSuchTableException(table, endpoint)));
      keys.put(table, key);
    }
    return key;
  }

  private Optional<TableDescription> describe(String table) {
    try {
      return Optional.of(
          calls.withRetries(table, () -> client.describeTable(b -> b.tableName(table))).table());
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
  }

  /**
   * The SDK's waiter polls DescribeTable until the table is ACTIVE, every {@link
   * #TABLE_POLL_INTERVAL} (its default, 20 s, is paced for AWS; local servers are ready in
   * milliseconds) for at most {@link #TABLE_ACTIVE_TIMEOUT}.
   */
  private void waitUntilActive(String table) {
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(client)
            .overrideConfiguration(
                w ->
                    w.waitTimeout(TABLE_ACTIVE_TIMEOUT)
                        .maxAttempts(
                            (int)
                                (TABLE_ACTIVE_TIMEOUT.toMillis() / TABLE_POLL_INTERVAL.toMillis()))
                        .backoffStrategyV2(BackoffStrategy.fixedDelay(TABLE_POLL_INTERVAL)))
            .build()) {
      waiter.waitUntilTableExists(b -> b.tableName(table));
    } catch (SdkClientException e) {
      // An error the waiter does not expect comes wrapped; the timeout is a bare client exception.
      if (e.getCause() instanceof SdkException cause) {
        throw calls.translate(table, cause);
      }
      throw new KeyValueStoreException(
          "table '"
              + table
              + "' at "
              + endpoint
              + " is not ACTIVE after "
              + TABLE_ACTIVE_TIMEOUT.toSeconds()
              + "s",
          e);
    } catch (SdkException e) {
      throw calls.translate(table, e);
    }
  }

  private static KeySchemaElement element(KeyAttribute a, KeyType type) {
    return KeySchemaElement.builder().attributeName(a.name()).keyType(type).build();
  }

  private static AttributeDefinition definition(KeyAttribute a) {
    return AttributeDefinition.builder()
        .attributeName(a.name())
        .attributeType(ScalarAttributeType.fromValue(a.type().name()))
        .build();
  }

  private static KeySchema toKeySchema(TableDescription d) {
    Map<String, io.sluice.kv.KeyType> types = new LinkedHashMap<>();
    for (AttributeDefinition a : d.attributeDefinitions()) {
      types.put(a.attributeName(), io.sluice.kv.KeyType.parse(a.attributeTypeAsString()));
    }
    KeyAttribute partition = null;
    KeyAttribute sort = null;
    for (KeySchemaElement k : d.keySchema()) {
      KeyAttribute a = new KeyAttribute(k.attributeName(), types.get(k.attributeName()));
      if (k.keyType() == KeyType.HASH) {
        partition = a;
      } else {
        sort = a;
      }
    }
    return new KeySchema(partition, sort);
  }

  private static String render(KeySchema key) {
    return key.partitionKey() + key.sort().map(s -> " + sort " + s).orElse("");
  }
}
