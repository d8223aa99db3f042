package io.sluice.runner.kv;

import io.sluice.runner.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice kv}: key-value tables on the DynamoDB API (AWS, or the embedded server). */
@Command(name = "kv", mixinStandardHelpOptions = true,
    description = {"Key-value tables on the DynamoDB API: create a table, put, get, update, delete, query, scan.",
        "Items are plain JSON objects: {\"id\": \"a1\", \"n\": 5, \"tags\": [\"x\"]}."},
    subcommands = {CreateTableCommand.class, PutCommand.class, GetCommand.class, UpdateCommand.class,
        DeleteCommand.class, QueryCommand.class, ScanCommand.class})
public final class KvCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.OK;
  }
}
