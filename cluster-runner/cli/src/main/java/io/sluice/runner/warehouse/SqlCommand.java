package io.sluice.runner.warehouse;

import io.sluice.jobs.BadInputException;
import io.sluice.runner.ExitCode;
import io.sluice.runner.OutputCommand;
import io.sluice.warehouse.QueryResult;
import io.sluice.warehouse.SqlScript;
import io.sluice.warehouse.StatementFailedException;
import io.sluice.warehouse.Warehouse;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice sql "SELECT ..."}: one statement against a warehouse, printed as a table, CSV or
 * JSON; or, as psql, the statements of a file ({@code -f FILE}) or of stdin, each result in turn.
 */
@Command(
    name = "sql",
    description =
        "Run SQL against a warehouse (default: the embedded DuckDB) and print the result: one"
            + " statement given as SQL, or the statements of -f FILE or of stdin, as psql does.")
public final class SqlCommand extends OutputCommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SQL",
      description = "The statement (none: read statements from -f FILE or stdin)")
  String sql;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Run the statements in FILE ('-': stdin) in order, as psql -f does")
  String file;

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
    if (sql != null && file != null) {
      throw new BadInputException("give the SQL as an argument or with -f FILE, not both");
    }
    if (sql != null) {
      try (Warehouse warehouse = target.open()) {
        print(warehouse.query(sql, maxRows), printer);
        return ExitCode.OK;
      }
    }
    SqlSource source = SqlSource.of(file);
    List<SqlScript.Statement> statements = SqlScript.split(source.text());
    boolean[] first = {true};
    try (Warehouse warehouse = target.open()) {
      warehouse.run(
          statements,
          maxRows,
          result -> {
            if (!first[0] && printer == QueryResultFormat.TABLE) {
              out().println(); // psql's blank line between results
            }
            first[0] = false;
            print(result, printer);
          });
      return ExitCode.OK;
    } catch (StatementFailedException e) {
      // The user's SQL is the bad input: name where it is, as psql does (FILE:LINE).
      throw new BadInputException(
          source.name() + ":" + e.statement().line() + ": " + e.getMessage(), e);
    }
  }

  private void print(QueryResult result, QueryResultFormat printer) {
    printer.print(result, out());
    if (result.truncated()) {
      err().println("sql: showing the first " + maxRows + " rows; raise --max-rows for more");
    }
  }
}
