package io.sluice.runner.kv;

import io.sluice.runner.CommandGroup;
import picocli.CommandLine.Command;

/** {@code sluice kv}: key-value tables on the DynamoDB API (AWS, or the embedded server). */
@Command(
    name = "kv",
    description = {
      "Key-value tables on the DynamoDB API: create a table, put, get, update, delete, query, scan.",
      "Items are plain JSON objects: {\"id\": \"a1\", \"n\": 5, \"tags\": [\"x\"]}."
    },
    subcommands = {
      CreateTableCommand.class,
      PutCommand.class,
      GetCommand.class,
      UpdateCommand.class,
      DeleteCommand.class,
      QueryCommand.class,
      ScanCommand.class
    })
public final class KvCommand extends CommandGroup {}
