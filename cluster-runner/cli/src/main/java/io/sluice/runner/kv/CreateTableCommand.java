package io.sluice.runner.kv;

import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
import io.sluice.kv.KeyValueStore;
import io.sluice.kv.KvLoadRequest;
import io.sluice.runner.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice kv create-table TABLE --key NAME[:S|N|B] [--sort-key NAME[:S|N|B]]}. */
@Command(
    name = "create-table",
    description =
        "Create a table (on-demand capacity) unless it exists, and wait until it is ACTIVE.")
final class CreateTableCommand extends TableSubcommand {

  @Option(
      names = "--key",
      required = true,
      paramLabel = "NAME[:S|N|B]",
      description = "Partition key attribute and type (S string, N number, B binary; default S)")
  String key;

  @Option(
      names = "--sort-key",
      paramLabel = "NAME[:S|N|B]",
      description = "Sort key attribute and type")
  String sortKey;

  @Override
  int run(KeyValueStore store) {
    KvLoadRequest.validateTableName(table);
    KeySchema schema =
        new KeySchema(
            KeyAttribute.parse(key), sortKey == null ? null : KeyAttribute.parse(sortKey));
    boolean created = store.createTableIfMissing(table, schema);
    out()
        .println(
            (created ? "created table " : "table exists: ")
                + table
                + " (key "
                + schema.partitionKey()
                + schema.sort().map(s -> ", sort key " + s).orElse("")
                + ") at "
                + store.endpoint());
    return ExitCode.OK;
  }
}
