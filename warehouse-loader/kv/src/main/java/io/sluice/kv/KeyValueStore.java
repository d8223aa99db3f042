package io.sluice.kv;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A key-value store with DynamoDB's data model: items are attribute maps, addressed by a partition
 * key and an optional sort key. Implementations throw {@link NoSuchTableException}, {@link
 * InvalidItemException} (cannot succeed as typed), {@link
 * io.sluice.errors.EndpointUnreachableException} and {@link KeyValueStoreException} for everything
 * else.
 */
public interface KeyValueStore extends AutoCloseable {

  /** Largest item DynamoDB stores, in bytes (attribute names + values). */
  int MAX_ITEM_BYTES = 400 * 1024;

  /** Most write requests one batch call carries. */
  int MAX_BATCH_ITEMS = 25;

  /**
   * Creates the table with this key (on-demand capacity) unless it exists, and waits until it is
   * ACTIVE. Returns true when it was created; an existing table with another key is an error.
   */
  boolean createTableIfMissing(String table, KeySchema key);

  /** The key of an existing table. */
  KeySchema keySchema(String table);

  /** Writes (creates or replaces) one item. */
  void put(String table, Map<String, AttributeValue> item);

  /** Reads one item by its full key (strongly consistent). */
  Optional<Map<String, AttributeValue>> get(String table, Map<String, AttributeValue> key);

  /**
   * {@link #get(String, Map)} that gives up after {@code timeout} (throttling retries included),
   * throwing {@link KeyValueTimeoutException}. It waits on the caller's thread, so a server need
   * not hand each read to another thread it could abandon at the timeout.
   */
  Optional<Map<String, AttributeValue>> get(
      String table, Map<String, AttributeValue> key, Duration timeout);

  /**
   * Sets and removes attributes of one item (creating it if absent) and returns the item as it is
   * afterwards. Key attributes cannot be changed.
   */
  Map<String, AttributeValue> update(
      String table,
      Map<String, AttributeValue> key,
      Map<String, AttributeValue> set,
      Set<String> remove);

  /** Deletes one item; returns it as it was, or empty when there was none. */
  Optional<Map<String, AttributeValue>> delete(String table, Map<String, AttributeValue> key);

  /**
   * The items of one partition, in sort key order, optionally narrowed by a sort key condition; at
   * most {@code limit} items (0 = all). Pages are fetched as the result is iterated.
   */
  Iterable<Map<String, AttributeValue>> query(
      String table, String partitionValue, SortKeyCondition sort, int limit);

  /** Every item of the table, at most {@code limit} (0 = all), fetched page by page as iterated. */
  Iterable<Map<String, AttributeValue>> scan(String table, int limit);

  /**
   * One batch write call: puts up to {@link #MAX_BATCH_ITEMS} items and returns those the store did
   * not process (to be retried by the caller). Throttling surfaces as {@link ThrottledException}.
   */
  List<Map<String, AttributeValue>> putBatch(String table, List<Map<String, AttributeValue>> items);

  /** Where the store is, for messages: an endpoint URL or "AWS (region)". */
  String endpoint();

  @Override
  void close();
}
