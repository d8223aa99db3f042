package io.sluice.kv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes one batch of a load with {@link KeyValueStore#putBatch}: unprocessed items and throttled
 * calls retried with {@link Backoff}, a batch the server refuses as a whole written item by item,
 * and every item's outcome counted in {@link LoadOutcomes}.
 */
final class BatchWriter {

  // The loader's logger, so log lines keep the name they always had.
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLoader.class);

  private final KeyValueStore store;
  private final String table;
  private final KeySchema key;
  private final Backoff backoff;
  private final int maxAttempts;
  private final LoadOutcomes outcomes;

  BatchWriter(
      KeyValueStore store,
      String table,
      KeySchema key,
      DynamoDbConfig pacing,
      LoadOutcomes outcomes) {
    this.store = store;
    this.table = table;
    this.key = key;
    this.backoff = Backoff.of(pacing);
    this.maxAttempts = pacing.maxAttempts();
    this.outcomes = outcomes;
  }

  /** One batch, retried until every item is written, refused for good, or out of attempts. */
  void write(List<PendingItem> batch) {
    Map<String, PendingItem> byKey = new HashMap<>();
    for (PendingItem p : batch) {
      byKey.put(p.keyText(), p);
    }
    List<PendingItem> pending = batch;
    String lastRefusal = "unprocessed items";
    for (int attempt = 1; ; attempt++) {
      List<Map<String, AttributeValue>> items = new ArrayList<>(pending.size());
      for (PendingItem p : pending) {
        items.add(p.item());
      }
      List<PendingItem> left = new ArrayList<>();
      try {
        for (Map<String, AttributeValue> unprocessed : store.putBatch(table, items)) {
          String k = ItemKeys.keyText(key.keyOf(unprocessed));
          PendingItem p = byKey.get(k);
          left.add(p != null ? p : new PendingItem(-1, "unprocessed item", k, unprocessed));
        }
      } catch (ThrottledException e) {
        left = pending;
        lastRefusal = e.getMessage();
      } catch (InvalidItemException e) {
        // The server refused the batch as a whole (one item too large by its count, a bad value):
        // write the items one by one so only the offending ones are rejected.
        LOG.debug(
            "batch of {} refused ({}); writing its items one by one",
            pending.size(),
            e.getMessage());
        writeOneByOne(pending);
        return;
      }
      outcomes.written(pending.size() - left.size());
      if (left.isEmpty()) {
        return;
      }
      if (attempt >= maxAttempts) {
        for (PendingItem p : left) {
          outcomes.fail(p, "not written after " + attempt + " attempts: " + lastRefusal);
        }
        return;
      }
      outcomes.retried();
      pending = left;
      backoff.pause(attempt);
    }
  }

  private void writeOneByOne(List<PendingItem> pending) {
    for (PendingItem p : pending) {
      try {
        store.put(table, p.item());
        outcomes.written(1);
      } catch (InvalidItemException e) {
        outcomes.reject(p, e.getMessage());
      } catch (ThrottledException e) {
        outcomes.fail(p, e.getMessage());
      }
    }
  }
}
