package io.sluice.runner.kv;

import io.sluice.kv.Json;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyValueStore;
import io.sluice.runner.ExitCode;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code sluice kv delete TABLE KEY [SORT_KEY]}: prints the deleted item; nothing to delete is not
 * an error.
 */
@Command(name = "delete", description = "Delete one item by its key; prints it.")
final class DeleteCommand extends KvSubcommand {

  @Mixin ItemKey item;

  @Override
  int run(KeyValueStore store) {
    Map<String, AttributeValue> key = item.in(store);
    Optional<Map<String, AttributeValue>> deleted = store.delete(item.table, key);
    if (deleted.isPresent()) {
      out().println(Json.toJson(deleted.get()));
    } else {
      err()
          .println(
              spec.qualifiedName(" ")
                  + ": no item with "
                  + KeySchema.describe(key)
                  + " in table '"
                  + item.table
                  + "' (nothing deleted)");
    }
    return ExitCode.OK;
  }
}
