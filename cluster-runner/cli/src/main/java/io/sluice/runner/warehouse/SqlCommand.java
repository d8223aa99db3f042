package io.sluice.runner.warehouse;

import io.sluice.jobs.BadInputException;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.warehouse.QueryResult;
import io.sluice.warehouse.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice sql "SELECT ..."}: one statement against a warehouse, printed as a table, CSV or
 * JSON.
 */
@Command(
    name = "sql",
    description =
        "Run one SQL statement against a warehouse (default: the embedded DuckDB) and print the result.")
public final class SqlCommand extends OutputCommand {

  @Parameters(index = "0", paramLabel = "SQL", description = "The statement")
  String sql;

  @Mixin WarehouseTargetOption target;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default), csv or json")
  String format;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Print at most N rows (default 10000)")
  int maxRows;

  @Override
  public Integer call() {
    if (maxRows < 1) {
      throw new BadInputException("--max-rows must be at least 1");
    }
    QueryResultFormat printer = QueryResultFormat.parse(format);
    try (Warehouse warehouse = target.open()) {
      QueryResult result = warehouse.query(sql, maxRows);
      printer.print(result, out());
      if (result.truncated()) {
        err().println("sql: showing the first " + maxRows + " rows; raise --max-rows for more");
      }
      return ExitCode.OK;
    }
  }
}
