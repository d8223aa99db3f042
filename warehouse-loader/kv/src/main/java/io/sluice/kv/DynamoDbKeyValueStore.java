package io.sluice.kv;

import io.sluice.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link KeyValueStore} on the DynamoDB API (AWS SDK v2): AWS itself, or any server that speaks the
 * protocol (dynalite, {@link EmbeddedDynamoDb}). The SDK's own retries are off: throttling is
 * retried here, with {@link Backoff}, so the loader and single operations pace themselves the same
 * way and the loader sees every refusal it has to account for.
 *
 * <p>Item operations live here; {@link DynamoDbTables} administers tables, {@link DynamoDbCalls}
 * retries and translates errors ({@link DynamoDbErrors}), {@link DynamoDbExpression} builds
 * expressions and {@link ItemPages} pages query and scan results.
 */
public final class DynamoDbKeyValueStore implements KeyValueStore {

  /**
   * The calls' own time limit, unless a read gives its own ({@link #get(String, Map, Duration)}).
   */
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

  private final DynamoDbConfig config;
  private final SdkHttpClient http;
  private final DynamoDbClient client;

  /**
   * Clients for reads with a time limit, one per limit, on the same connections: the limit set per
   * request instead costs the SDK about 5 KB more per call (measured: 65 against 70 KB a GetItem).
   */
  private final Map<Duration, DynamoDbClient> clientsByTimeout = new ConcurrentHashMap<>();

  /**
   * The timer of those clients' timeouts. The SDK's own keeps a cancelled timeout's task until it
   * is due and wakes for it then: about two timer wake-ups per read, measured, on the cores the
   * reads need. This one drops a task when the read cancels it.
   */
  private final ScheduledThreadPoolExecutor timeouts;

  /**
   * Whether the timer's tick runs: a task due every second, started with the first timed read. The
   * timer's thread is woken when a task is queued ahead of all the others, which, without the tick,
   * each read's timeout was (the one before it cancelled and removed): a wake-up of that thread per
   * read, measured 0.99 per kv-get. Behind the tick, a timeout due later than it is queued without
   * waking anything; one due sooner (a route timeout under a second) still wakes the thread, and
   * every timeout still fires when it is due.
   */
  private final AtomicBoolean ticking = new AtomicBoolean();

  private final DynamoDbCalls calls;
  private final DynamoDbTables tables;

  public DynamoDbKeyValueStore(DynamoDbConfig config) {
    this.config = config;
    this.http =
        ApacheHttpClient.builder()
            // The SDK's default of 50 at least: a gateway's concurrent kv-get requests
            // would otherwise queue for a loader-sized pool.
            .maxConnections(Math.max(50, config.batchesInFlight() + 4))
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    this.client = newClient(config, http, ATTEMPT_TIMEOUT, null);
    this.timeouts = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("sluice-kv-timeouts"));
    timeouts.setRemoveOnCancelPolicy(true);
    this.calls = new DynamoDbCalls(new DynamoDbErrors(endpoint()), config);
    this.tables = new DynamoDbTables(client, calls, endpoint());
  }

  /**
   * A client on {@code http}'s connections whose calls stop at {@code attemptTimeout}, timed by
   * {@code timer} (null: the SDK's own).
   */
  private static DynamoDbClient newClient(
      DynamoDbConfig config,
      SdkHttpClient http,
      Duration attemptTimeout,
      ScheduledExecutorService timer) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(config.credentials().provider())
            .httpClient(http)
            .overrideConfiguration(
                c -> {
                  c.retryStrategy(AwsRetryStrategy.doNotRetry())
                      .apiCallAttemptTimeout(attemptTimeout);
                  if (timer != null) {
                    c.scheduledExecutorService(timer);
                  }
                });
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return builder.build();
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
    return tables.createTableIfMissing(table, key);
  }

  @Override
  public KeySchema keySchema(String table) {
    return tables.keySchema(table);
  }

  @Override
  public void put(String table, Map<String, AttributeValue> item) {
    keySchema(table).keyOf(item);
    calls.withRetries(table, () -> client.putItem(b -> b.tableName(table).item(item)));
  }

  @Override
  public Optional<Map<String, AttributeValue>> get(String table, Map<String, AttributeValue> key) {
    var response =
        calls.withRetries(
            table, () -> client.getItem(b -> b.tableName(table).key(key).consistentRead(true)));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(response.item())
        : Optional.empty();
  }

  @Override
  public Optional<Map<String, AttributeValue>> get(
      String table, Map<String, AttributeValue> key, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    DynamoDbClient timed =
        clientsByTimeout.computeIfAbsent(timeout, t -> newClient(config, http, t, timeouts));
    if (!ticking.get() && ticking.compareAndSet(false, true)) {
      timeouts.scheduleWithFixedDelay(() -> {}, 1, 1, TimeUnit.SECONDS);
    }
    int[] attempts = {0};
    var response =
        calls.withRetries(
            table,
            () -> {
              // The SDK aborts the call at its attempt timeout (a timer thread of its own; it
              // retries nothing here, so the call is its attempt), so the caller's thread is free
              // when the time is up. An attempt after a throttled one gets what is left.
              long left = deadline - System.nanoTime();
              if (left <= 0) {
                throw new KeyValueTimeoutException(table, timeout, null);
              }
              try {
                if (attempts[0]++ == 0) {
                  return timed.getItem(b -> b.tableName(table).key(key).consistentRead(true));
                }
                return client.getItem(
                    b ->
                        b.tableName(table)
                            .key(key)
                            .consistentRead(true)
                            .overrideConfiguration(
                                o -> o.apiCallAttemptTimeout(Duration.ofNanos(left))));
              } catch (ApiCallAttemptTimeoutException e) {
                // Not an SdkException to translate: the caller's time is up, no retry.
                throw new KeyValueTimeoutException(table, timeout, e);
              }
            });
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
    DynamoDbExpression update = DynamoDbExpression.update(table, key, set, remove);
    var response =
        calls.withRetries(
            table,
            () ->
                client.updateItem(
                    b ->
                        b.tableName(table)
                            .key(key)
                            .updateExpression(update.text())
                            .expressionAttributeNames(update.names())
                            .expressionAttributeValues(
                                update.values().isEmpty() ? null : update.values())
                            .returnValues(ReturnValue.ALL_NEW)));
    return response.attributes();
  }

  @Override
  public Optional<Map<String, AttributeValue>> delete(
      String table, Map<String, AttributeValue> key) {
    var response =
        calls.withRetries(
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
    DynamoDbExpression condition =
        DynamoDbExpression.keyCondition(table, keySchema(table), partitionValue, sort);
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .keyConditionExpression(condition.text())
            .expressionAttributeNames(condition.names())
            .expressionAttributeValues(condition.values())
            .limit(ItemPages.pageLimit(limit))
            .build();
    return new ItemPages(
        table, () -> client.queryPaginator(request).items().iterator(), limit, calls);
  }

  @Override
  public Iterable<Map<String, AttributeValue>> scan(String table, int limit) {
    return new ItemPages(
        table,
        () ->
            client
                .scanPaginator(b -> b.tableName(table).limit(ItemPages.pageLimit(limit)))
                .items()
                .iterator(),
        limit,
        calls);
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
    // One attempt: the loader retries unprocessed items and throttled batches itself, and counts.
    BatchWriteItemResponse response =
        calls.once(table, () -> client.batchWriteItem(b -> b.requestItems(Map.of(table, writes))));
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
    clientsByTimeout.values().forEach(DynamoDbClient::close);
    http.close(); // a client given its HTTP client or timer does not close it
    timeouts.shutdownNow();
  }
}
