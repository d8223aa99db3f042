package io.sluice.runner.kv;

import io.sluice.errors.InvalidInputException;
import io.sluice.kv.Json;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyValueStore;
import io.sluice.runner.ExitCode;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code sluice kv get TABLE KEY [SORT_KEY]}: one item as JSON; exit 2 when there is none. */
@Command(name = "get", description = "Print one item (JSON) by its key.")
final class GetCommand extends TableSubcommand {

  @Parameters(index = "1", paramLabel = "KEY", description = "Partition key value")
  String partition;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "SORT_KEY",
      description = "Sort key value, if the table has one")
  String sort;

  @Override
  int run(KeyValueStore store) {
    Map<String, AttributeValue> key = store.keySchema(table).keyOf(partition, sort);
    Optional<Map<String, AttributeValue>> item = store.get(table, key);
    if (item.isEmpty()) {
      throw new InvalidInputException(
          "no item with " + KeySchema.describe(key) + " in table '" + table + "'");
    }
    out().println(Json.toJson(item.get()));
    return ExitCode.OK;
  }
}
