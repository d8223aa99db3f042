package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.warehouse.SqlScript.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsAtSemicolonsOutsideQuotesCommentsAndParentheses() {
    String script =
        """
        -- a leading comment; not a statement
        CREATE TABLE t (s text);
        INSERT INTO t VALUES ('a;b'), ('it''s; fine'), (E'back\\'; slash');
        /* block; /* nested; */ still comment; */ SELECT "odd;name" FROM t;

        CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
        CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b);
        SELECT $$x;y$$, 1
        """;
    List<Statement> statements = SqlScript.split(script);
    assertEquals(
        List.of(
            new Statement("CREATE TABLE t (s text)", 2),
            new Statement("INSERT INTO t VALUES ('a;b'), ('it''s; fine'), (E'back\\'; slash')", 3),
            new Statement("SELECT \"odd;name\" FROM t", 4),
            new Statement(
                "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql", 6),
            new Statement("CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b)", 7),
            new Statement("SELECT $$x;y$$, 1", 8)),
        statements);
  }

  @Test
  void aStatementStartsAtItsFirstSignificantLine() {
    List<Statement> statements =
        SqlScript.split("SELECT 1;\n\n-- why\n\nSELECT\n  2;\n;\n-- trailing comment\n");
    assertEquals(
        List.of(new Statement("SELECT 1", 1), new Statement("SELECT\n  2", 5)), statements);
  }

  @Test
  void aMultiLineStringCountsItsLines() {
    List<Statement> statements = SqlScript.split("SELECT 'a\nb\nc'; SELECT 2;\nSELECT 3");
    assertEquals(3, statements.get(1).line());
    assertEquals(4, statements.get(2).line());
  }

  @Test
  void dollarSignsInsideIdentifiersAndParametersAreNotQuotes() {
    List<Statement> statements = SqlScript.split("SELECT a$b$ FROM t; SELECT 2");
    assertEquals(2, statements.size());
  }
}
