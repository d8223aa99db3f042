package io.sluice.runner.kv;

import io.sluice.kv.KeyValueStore;
import java.util.Map;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code TABLE KEY [SORT_KEY]}: the one item a command changes (update, delete). */
final class ItemKey {

  @Parameters(index = "0", paramLabel = "TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "KEY")
  String partition;

  @Parameters(index = "2", arity = "0..1", paramLabel = "SORT_KEY")
  String sort;

  /** The item's key, typed as the table's key schema says. */
  Map<String, AttributeValue> in(KeyValueStore store) {
    return store.keySchema(table).keyOf(partition, sort);
  }
}
