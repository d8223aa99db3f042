package io.sluice.runner.kv;

import io.sluice.kv.Json;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyValueStore;
import io.sluice.runner.ExitCode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code sluice kv put TABLE --item JSON [--item JSON ...]}: create or replace items. */
@Command(
    name = "put",
    description = "Write items (create or replace), each a JSON object holding the key attributes.")
final class PutCommand extends TableSubcommand {

  @Option(
      names = "--item",
      required = true,
      paramLabel = "JSON",
      description =
          "An item, e.g. '{\"Artist\": \"Acme\", \"SongTitle\": \"Hi\", \"Year\": 2024}'; repeatable")
  List<String> items;

  @Override
  int run(KeyValueStore store) {
    KeySchema key = store.keySchema(table);
    // Parse every item first: a typo in the third must not leave the first two written.
    List<Map<String, AttributeValue>> parsed = items.stream().map(Json::toItem).toList();
    parsed.forEach(key::keyOf);
    for (Map<String, AttributeValue> item : parsed) {
      store.put(table, item);
      out().println("put " + KeySchema.describe(key.keyOf(item)));
    }
    return ExitCode.OK;
  }
}
