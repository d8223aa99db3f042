package io.sluice.runner.kv;

import picocli.CommandLine.Parameters;

/** A {@code sluice kv} command about one table, named in its first argument. */
abstract class TableSubcommand extends KvSubcommand {

  @Parameters(index = "0", paramLabel = "TABLE")
  String table;
}
