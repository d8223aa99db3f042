package io.sluice.runner.kv;

import io.sluice.kv.Json;
import io.sluice.kv.KeyValueStore;
import io.sluice.runner.ExitCode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code sluice kv scan TABLE [--limit N]}: every item as JSON lines, page by page. */
@Command(name = "scan", description = "Print every item of a table (JSON lines).")
final class ScanCommand extends TableSubcommand {

  @Mixin ItemLimit limit;

  @Override
  int run(KeyValueStore store) {
    long n = 0;
    for (Map<String, AttributeValue> item : store.scan(table, limit.checked())) {
      out().println(Json.toJson(item));
      n++;
    }
    err().println("# " + n + " items");
    return ExitCode.OK;
  }
}
