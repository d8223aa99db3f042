package io.sluice.runner.kv;

import io.sluice.kv.Json;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyValueStore;
import io.sluice.runner.ExitCode;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code sluice kv delete TABLE KEY [SORT_KEY]}: prints the deleted item; nothing to delete is not an error. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete one item by its key; prints it.")
final class DeleteCommand extends KvSubcommand {

  @Parameters(index = "0", paramLabel = "TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "KEY")
  String partition;

  @Parameters(index = "2", arity = "0..1", paramLabel = "SORT_KEY")
  String sort;

  @Override
  int run(KeyValueStore store) {
    Map<String, AttributeValue> key = store.keySchema(table).keyOf(partition, sort);
    Optional<Map<String, AttributeValue>> deleted = store.delete(table, key);
    if (deleted.isPresent()) {
      out().println(Json.toJson(deleted.get()));
    } else {
      err().println(spec.qualifiedName(" ") + ": no item with " + KeySchema.describe(key) + " in table '" + table
          + "' (nothing deleted)");
    }
    return ExitCode.OK;
  }
}
