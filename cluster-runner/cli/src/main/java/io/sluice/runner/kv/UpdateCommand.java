package io.sluice.runner.kv;

import io.sluice.kv.InvalidItemException;
import io.sluice.kv.Json;
import io.sluice.kv.KeyValueStore;
import io.sluice.runner.ExitCode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code sluice kv update TABLE KEY [SORT_KEY] --set NAME=VALUE ... --remove NAME ...}. */
@Command(
    name = "update",
    description =
        "Set or remove attributes of one item (created if absent); prints the item afterwards.")
final class UpdateCommand extends KvSubcommand {

  @Mixin ItemKey item;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description =
          "An attribute to set; VALUE is JSON (5, true, [1,2], {\"a\":1}, \"text\") or a bare word "
              + "taken as a string; repeatable")
  List<String> set = List.of();

  @Option(
      names = "--remove",
      paramLabel = "NAME",
      description = "An attribute to remove; repeatable")
  List<String> remove = List.of();

  @Override
  int run(KeyValueStore store) {
    Map<String, AttributeValue> key = item.in(store);
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    for (String assignment : set) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new InvalidItemException("--set takes NAME=VALUE, got '" + assignment + "'");
      }
      values.put(assignment.substring(0, eq), Json.toValue(assignment.substring(eq + 1)));
    }
    out().println(Json.toJson(store.update(item.table, key, values, new LinkedHashSet<>(remove))));
    return ExitCode.OK;
  }
}
