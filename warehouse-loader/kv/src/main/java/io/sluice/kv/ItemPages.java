package io.sluice.kv;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of a query or scan: pages fetched as iterated, at most {@code limit} items (0: all),
 * SDK errors translated as they surface.
 */
final class ItemPages implements Iterable<Map<String, AttributeValue>> {

  private final String table;
  private final Supplier<Iterator<Map<String, AttributeValue>>> source;
  private final int limit;
  private final DynamoDbCalls calls;

  ItemPages(
      String table,
      Supplier<Iterator<Map<String, AttributeValue>>> source,
      int limit,
      DynamoDbCalls calls) {
    this.table = table;
    this.source = source;
    this.limit = limit;
    this.calls = calls;
  }

  /** A page size for the request: the limit, up to DynamoDB's 1000; none when unlimited. */
  static Integer pageLimit(int limit) {
    return limit > 0 ? Math.min(limit, 1000) : null;
  }

  @Override
  public Iterator<Map<String, AttributeValue>> iterator() {
    return new Iterator<>() {
      private Iterator<Map<String, AttributeValue>> inner;
      private int returned;

      @Override
      public boolean hasNext() {
        if (limit > 0 && returned >= limit) {
          return false;
        }
        return calls.once(table, () -> inner().hasNext());
      }

      @Override
      public Map<String, AttributeValue> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        returned++;
        return calls.once(table, () -> inner().next());
      }

      private Iterator<Map<String, AttributeValue>> inner() {
        if (inner == null) {
          inner = source.get();
        }
        return inner;
      }
    };
  }
}
