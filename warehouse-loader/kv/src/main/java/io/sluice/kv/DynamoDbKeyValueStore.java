package io.sluice.kv;

import io.sluice.errors.EndpointUnreachableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * {@link KeyValueStore} on the DynamoDB API (AWS SDK v2): AWS itself, or any server that speaks the
 * protocol (dynalite, {@link EmbeddedDynamoDb}). The SDK's own retries are off: throttling is
 * retried here, with {@link Backoff}, so the loader and single operations pace themselves the same
 * way and the loader sees every refusal it has to account for.
 */
public final class DynamoDbKeyValueStore implements KeyValueStore {

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbKeyValueStore.class);
  private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration TABLE_POLL_INTERVAL = Duration.ofMillis(100);

  private final DynamoDbConfig config;
  private final DynamoDbClient client;
  private final Backoff backoff;
  private final Map<String, KeySchema> keys = new ConcurrentHashMap<>();

  public DynamoDbKeyValueStore(DynamoDbConfig config) {
    this.config = config;
    this.backoff = Backoff.of(config);
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(config.credentials().provider())
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(config.batchesInFlight() + 4)
                    .connectionTimeout(Duration.ofSeconds(5)))
            .overrideConfiguration(
                c ->
                    c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(30)));
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    this.client = builder.build();
  }

  public DynamoDbConfig config() {
    return config;
  }

  @Override
  public String endpoint() {
    return config.describeEndpoint();
  }

  @Override
  public boolean createTableIfMissing(String table, KeySchema key) {
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
    schema.add(
        KeySchemaElement.builder()
            .attributeName(key.partitionKey().name())
            .keyType(KeyType.HASH)
            .build());
    definitions.add(definition(key.partitionKey()));
    key.sort()
        .ifPresent(
            s -> {
              schema.add(
                  KeySchemaElement.builder()
                      .attributeName(s.name())
                      .keyType(KeyType.RANGE)
                      .build());
              definitions.add(definition(s));
            });
    boolean created;
    try {
      withRetries(
          table,
          () ->
              client.createTable(
                  b ->
                      b.tableName(table)
                          .keySchema(schema)
                          .attributeDefinitions(definitions)
                          .billingMode(BillingMode.PAY_PER_REQUEST)));
      created = true;
      LOG.info("created table {} with key {} at {}", table, render(key), endpoint());
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

  @Override
  public KeySchema keySchema(String table) {
    KeySchema key = keys.get(table);
    if (key == null) {
      key =
          toKeySchema(
              describe(table).orElseThrow(() -> new NoSuchTableException(table, endpoint())));
      keys.put(table, key);
    }
    return key;
  }

  @Override
  public void put(String table, Map<String, AttributeValue> item) {
    keySchema(table).keyOf(item);
    withRetries(table, () -> client.putItem(b -> b.tableName(table).item(item)));
  }

  @Override
  public Optional<Map<String, AttributeValue>> get(String table, Map<String, AttributeValue> key) {
    var response =
        withRetries(
            table, () -> client.getItem(b -> b.tableName(table).key(key).consistentRead(true)));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(response.item())
        : Optional.empty();
  }

  @Override
  public Map<String, AttributeValue> update(
      String table,
      Map<String, AttributeValue> key,
      Map<String, AttributeValue> set,
      Set<String> remove) {
    if (set.isEmpty() && remove.isEmpty()) {
      throw new InvalidItemException("nothing to update: give attributes to set or remove");
    }
    for (String name : key.keySet()) {
      if (set.containsKey(name) || remove.contains(name)) {
        throw new InvalidItemException(
            "'" + name + "' is a key attribute of table '" + table + "' and cannot be updated");
      }
    }
    // Names and values travel as placeholders: nothing a user typed becomes part of the expression.
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, AttributeValue> e : set.entrySet()) {
      names.put("#s" + i, e.getKey());
      values.put(":s" + i, e.getValue());
      sets.add("#s" + i + " = :s" + i);
      i++;
    }
    List<String> removes = new ArrayList<>();
    i = 0;
    for (String name : remove) {
      names.put("#r" + i, name);
      removes.add("#r" + i);
      i++;
    }
    String expression =
        (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
            + (removes.isEmpty()
                ? ""
                : (sets.isEmpty() ? "" : " ") + "REMOVE " + String.join(", ", removes));
    var response =
        withRetries(
            table,
            () ->
                client.updateItem(
                    b ->
                        b.tableName(table)
                            .key(key)
                            .updateExpression(expression)
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values.isEmpty() ? null : values)
                            .returnValues(ReturnValue.ALL_NEW)));
    return response.attributes();
  }

  @Override
  public Optional<Map<String, AttributeValue>> delete(
      String table, Map<String, AttributeValue> key) {
    var response =
        withRetries(
            table,
            () ->
                client.deleteItem(
                    b -> b.tableName(table).key(key).returnValues(ReturnValue.ALL_OLD)));
    return response.hasAttributes() && !response.attributes().isEmpty()
        ? Optional.of(response.attributes())
        : Optional.empty();
  }

  @Override
  public Iterable<Map<String, AttributeValue>> query(
      String table, String partitionValue, SortKeyCondition sort, int limit) {
    KeySchema key = keySchema(table);
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    names.put("#pk", key.partitionKey().name());
    values.put(":pk", KeySchema.value(key.partitionKey(), partitionValue));
    String condition = "#pk = :pk";
    if (sort != null) {
      KeyAttribute sk =
          key.sort()
              .orElseThrow(
                  () ->
                      new InvalidItemException(
                          "table '" + table + "' has no sort key to put a condition on"));
      names.put("#sk", sk.name());
      values.put(":sk0", KeySchema.value(sk, sort.values().get(0)));
      condition +=
          switch (sort.operator()) {
            case BETWEEN -> {
              values.put(":sk1", KeySchema.value(sk, sort.values().get(1)));
              yield " AND #sk BETWEEN :sk0 AND :sk1";
            }
            case BEGINS_WITH -> " AND begins_with(#sk, :sk0)";
            default -> " AND #sk " + sort.operator().symbol() + " :sk0";
          };
    }
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .keyConditionExpression(condition)
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .limit(limit > 0 ? Math.min(limit, 1000) : null)
            .build();
    return limited(table, () -> client.queryPaginator(request).items().iterator(), limit);
  }

  @Override
  public Iterable<Map<String, AttributeValue>> scan(String table, int limit) {
    return limited(
        table,
        () ->
            client
                .scanPaginator(
                    b -> b.tableName(table).limit(limit > 0 ? Math.min(limit, 1000) : null))
                .items()
                .iterator(),
        limit);
  }

  @Override
  public List<Map<String, AttributeValue>> putBatch(
      String table, List<Map<String, AttributeValue>> items) {
    if (items.isEmpty() || items.size() > MAX_BATCH_ITEMS) {
      throw new IllegalArgumentException(
          "a batch holds 1.." + MAX_BATCH_ITEMS + " items, got " + items.size());
    }
    List<WriteRequest> writes = new ArrayList<>(items.size());
    for (Map<String, AttributeValue> item : items) {
      writes.add(
          WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }
    BatchWriteItemResponse response;
    try {
      response = client.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
    } catch (SdkException e) {
      throw translate(table, e);
    }
    List<WriteRequest> unprocessed =
        response.hasUnprocessedItems()
            ? response.unprocessedItems().getOrDefault(table, List.of())
            : List.of();
    List<Map<String, AttributeValue>> left = new ArrayList<>(unprocessed.size());
    for (WriteRequest w : unprocessed) {
      left.add(w.putRequest().item());
    }
    return left;
  }

  @Override
  public void close() {
    client.close();
  }

  private Optional<TableDescription> describe(String table) {
    try {
      return Optional.of(
          withRetries(table, () -> client.describeTable(b -> b.tableName(table))).table());
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
        throw translate(table, cause);
      }
      throw new KeyValueStoreException(
          "table '"
              + table
              + "' at "
              + endpoint()
              + " is not ACTIVE after "
              + TABLE_ACTIVE_TIMEOUT.toSeconds()
              + "s",
          e);
    } catch (SdkException e) {
      throw translate(table, e);
    }
  }

  private <T> T withRetries(String table, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (SdkException e) {
        RuntimeException translated = translate(table, e);
        if (!(translated instanceof ThrottledException) || attempt >= config.maxAttempts()) {
          throw translated;
        }
        LOG.debug("throttled on {} (attempt {}): {}", table, attempt, e.getMessage());
        backoff.pause(attempt);
      }
    }
  }

  /**
   * SDK exceptions to this package's: what the caller can act on, with the table and endpoint
   * named.
   */
  RuntimeException translate(String table, SdkException e) {
    if (e instanceof ResourceNotFoundException) {
      return new NoSuchTableException(table, endpoint());
    }
    if (e instanceof ProvisionedThroughputExceededException
        || e instanceof RequestLimitExceededException) {
      return new ThrottledException(
          "throttled by " + endpoint() + " on table '" + table + "': " + e.getMessage(), e);
    }
    if (e instanceof DynamoDbException d) {
      String code = d.awsErrorDetails() == null ? "" : d.awsErrorDetails().errorCode();
      String message =
          d.awsErrorDetails() == null ? d.getMessage() : d.awsErrorDetails().errorMessage();
      if (d.isThrottlingException()
          || "ThrottlingException".equals(code)
          || d.statusCode() >= 500) {
        return new ThrottledException(
            "throttled by " + endpoint() + " on table '" + table + "': " + message, e);
      }
      if ("ValidationException".equals(code) || "SerializationException".equals(code)) {
        return new InvalidItemException("table '" + table + "': " + message, e);
      }
      return new KeyValueStoreException(
          endpoint() + " refused the request on table '" + table + "': " + code + ": " + message,
          e);
    }
    if (e instanceof SdkClientException && isConnectionFailure(e)) {
      return new EndpointUnreachableException(
          "DynamoDB",
          endpoint(),
          rootCause(e).getMessage(),
          " (start one with `sluice services up --dynamodb-port 8000` and export AWS_ENDPOINT_URL_DYNAMODB,"
              + " or unset it to use AWS)",
          e);
    }
    return new KeyValueStoreException(
        "request to " + endpoint() + " on table '" + table + "' failed: " + e.getMessage(), e);
  }

  private static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException
          || t.getClass().getName().endsWith("HttpHostConnectException")) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
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

  /**
   * Pages fetched as iterated, at most {@code limit} items, SDK errors translated as they surface.
   */
  private Iterable<Map<String, AttributeValue>> limited(
      String table, Supplier<Iterator<Map<String, AttributeValue>>> source, int limit) {
    return () ->
        new Iterator<>() {
          private Iterator<Map<String, AttributeValue>> inner;
          private int returned;

          private Iterator<Map<String, AttributeValue>> inner() {
            if (inner == null) {
              inner = source.get();
            }
            return inner;
          }

          @Override
          public boolean hasNext() {
            if (limit > 0 && returned >= limit) {
              return false;
            }
            try {
              return inner().hasNext();
            } catch (SdkException e) {
              throw translate(table, e);
            }
          }

          @Override
          public Map<String, AttributeValue> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            returned++;
            try {
              return inner().next();
            } catch (SdkException e) {
              throw translate(table, e);
            }
          }
        };
  }
}
