package io.sluice.runner.warehouse;

import static io.sluice.runner.CliOutcome.sluice;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.runner.CliOutcome;
import io.sluice.storage.s3.EmbeddedS3;
import io.sluice.storage.s3.S3ObjectStore;
import io.sluice.storage.s3.TransferListener;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice load warehouse} and {@code sluice sql} in-process, against an embedded DuckDB file.
 */
class WarehouseCommandsTest {

  @TempDir Path dir;

  private String target() {
    return "duckdb:" + dir.resolve("wh.duckdb");
  }

  private Path csv() throws Exception {
    return Files.writeString(
        dir.resolve("cities.csv"),
        "id,city,population\n1,Lyon,522250\n2,\"Aix, en Provence\",143097\n3,Nice,\n");
  }

  @Test
  void loadThenQueryAsTableCsvAndJson() throws Exception {
    CliOutcome load = loadWarehouse(csv().toString(), "cities");
    assertEquals(0, load.code, load.err);
    assertTrue(
        load.out.startsWith(
            "load warehouse [duckdb] create cities: read=3 loaded=3 rejected=0, in="),
        load.out);

    CliOutcome table = sql("SELECT id, city, population FROM cities ORDER BY id");
    assertEquals(0, table.code, table.err);
    assertTrue(
        table.out.contains("| 2  | Aix, en Provence | 143097     |")
            || table.out.contains("|  2 | Aix, en Provence |     143097 |"),
        table.out);
    assertTrue(table.out.contains("| NULL"), table.out);
    assertTrue(table.out.endsWith("3 rows\n"), table.out);

    CliOutcome csv = sql("SELECT id, city FROM cities ORDER BY id", "--format", "csv");
    assertEquals("id,city\n1,Lyon\n2,\"Aix, en Provence\"\n3,Nice\n", csv.out);

    CliOutcome json =
        sql("SELECT id, city, population FROM cities WHERE id = 3", "--format", "json");
    assertEquals("[\n  {\"id\": 3, \"city\": \"Nice\", \"population\": null}\n]\n", json.out);

    // The same file again (same name, size and time): recorded in the load history, so skipped.
    CliOutcome again =
        loadWarehouse(dir.resolve("cities.csv").toString(), "cities", "--mode", "append");
    assertEquals(0, again.code, again.err);
    assertTrue(again.out.contains("(already loaded: load id"), again.out);
    assertEquals(
        "3",
        sql("SELECT count(*) AS n FROM cities", "--format", "csv").out.lines().toList().get(1));
  }

  @Test
  void badInputExitsTwoWithOneLine() throws Exception {
    CliOutcome badTable = loadWarehouse(csv().toString(), "x; DROP TABLE y");
    assertEquals(2, badTable.code);
    assertTrue(
        badTable.err.startsWith("sluice: table name 'x; DROP TABLE y' is not a plain identifier"),
        badTable.err);

    CliOutcome missing = loadWarehouse(dir.resolve("nope.parquet").toString(), "t");
    assertEquals(2, missing.code);
    assertTrue(missing.err.contains("does not exist"), missing.err);

    CliOutcome noKey = loadWarehouse(csv().toString(), "t", "--mode", "upsert");
    assertEquals(2, noKey.code);
    assertTrue(noKey.err.contains("mode upsert needs --key"), noKey.err);

    CliOutcome badTarget = sluice("sql", "SELECT 1", "--target", "mysql://x");
    assertEquals(2, badTarget.code);
    assertTrue(badTarget.err.contains("unknown warehouse target 'mysql://x'"), badTarget.err);

    CliOutcome badSql = sql("SELEC 1");
    assertEquals(1, badSql.code);
    assertTrue(badSql.err.startsWith("sluice: job failed: duckdb: Parser Error"), badSql.err);
    assertEquals(1, badSql.err.lines().count(), badSql.err);
  }

  @Test
  void s3InputIsCopiedToLocalForDuckDb() throws Exception {
    Path part0 = Files.writeString(dir.resolve("part-0.csv"), "k,v\na,1\nb,2\n");
    Path part1 = Files.writeString(dir.resolve("part-1.csv"), "k,v\nc,3\n");
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
        S3ObjectStore store = S3ObjectStore.create(s3.storageConfig())) {
      store.createBucket("lake");
      store.upload(part0, "lake", "in/part-0.csv", TransferListener.NONE);
      store.upload(part1, "lake", "in/part-1.csv", TransferListener.NONE);
      System.setProperty("aws.accessKeyId", s3.accessKey());
      System.setProperty("aws.secretAccessKey", s3.secretKey());
      CliOutcome load =
          loadWarehouse("s3://lake/in/", "kv", "--s3-endpoint", s3.endpoint().toString());
      assertEquals(0, load.code, load.err);
      assertTrue(load.out.contains("read=3 loaded=3 rejected=0"), load.out);
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
    assertEquals(
        "6", sql("SELECT sum(v) AS s FROM kv", "--format", "csv").out.lines().toList().get(1));
  }

  @Test
  void fileRunsEveryStatementInOrderAsPsqlDoes() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("script.sql"),
            """
            -- towns; with a comment that holds a ';'
            CREATE TABLE towns (name VARCHAR, note VARCHAR);
            INSERT INTO towns VALUES ('Lyon', 'a;b'), ('Nice', 'it''s; here');
            /* the rows */ SELECT name, note FROM towns ORDER BY name;
            SELECT count(*) AS n FROM towns
            """);
    CliOutcome run =
        sluice("sql", "-f", script.toString(), "--target", target(), "--format", "csv");
    assertEquals(0, run.code, run.err);
    assertTrue(run.out.contains("name,note\nLyon,a;b\nNice,it's; here\nn\n2\n"), run.out);
  }

  @Test
  void stdinWithoutSqlIsAScriptToo() throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream("SELECT 1 AS a;\nSELECT 'x;y' AS b;\n".getBytes(UTF_8)));
      CliOutcome run = sluice("sql", "--target", target(), "--format", "csv");
      assertEquals(0, run.code, run.err);
      assertEquals("a\n1\nb\nx;y\n", run.out);
      System.setIn(new ByteArrayInputStream("SELECT 2 AS c".getBytes(UTF_8)));
      CliOutcome dash = sluice("sql", "-f", "-", "--target", target());
      assertEquals(0, dash.code, dash.err);
      assertTrue(dash.out.endsWith("1 row\n"), dash.out);
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aFailingStatementNamesItsLineAfterTheEarlierResults() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("bad.sql"),
            "SELECT 1 AS first;\n\n-- next\nSELEC 2;\nSELECT 3 AS third;\n");
    CliOutcome run = sluice("sql", "-f", script.toString(), "--target", target());
    assertEquals(2, run.code, run.toString());
    assertTrue(run.err.startsWith("sluice: " + script + ":4: duckdb: Parser Error"), run.err);
    assertEquals(1, run.err.lines().count(), run.err);
    assertTrue(run.out.contains("first") && !run.out.contains("third"), run.out);

    CliOutcome missing =
        sluice("sql", "-f", dir.resolve("none.sql").toString(), "--target", target());
    assertEquals(2, missing.code);
    assertTrue(missing.err.contains("does not exist"), missing.err);

    CliOutcome both = sluice("sql", "SELECT 1", "-f", script.toString(), "--target", target());
    assertEquals(2, both.code);
    assertTrue(both.err.contains("not both"), both.err);
  }

  @Test
  void noPasswordInAnyMessage() throws Exception {
    Path script = Files.writeString(dir.resolve("one.sql"), "SELECT 1;");
    for (String target :
        new String[] {
          "postgresql://sluice:hunter2-x@127.0.0.1:1/db",
          "jdbc:postgresql://127.0.0.1:1/db?user=sluice&password=hunter2-x",
          "mysql://sluice:hunter2-x@127.0.0.1:1/db"
        }) {
      for (CliOutcome o :
          new CliOutcome[] {
            sluice("sql", "SELECT 1", "--target", target),
            sluice("sql", "-f", script.toString(), "--target", target),
            sluice(
                "load",
                "warehouse",
                "--input",
                csv().toString(),
                "--table",
                "t",
                "--target",
                target)
          }) {
        assertEquals(2, o.code, o.toString());
        assertTrue(o.err.lines().filter(l -> l.startsWith("sluice")).count() == 1, o.toString());
        assertFalse(o.out.contains("hunter2") || o.err.contains("hunter2"), o.toString());
      }
    }
  }

  /** {@code sluice load warehouse} of {@code input} into {@code table} of {@link #target()}. */
  private CliOutcome loadWarehouse(String input, String table, String... options) {
    String[] command = {
      "load", "warehouse", "--input", input, "--table", table, "--target", target()
    };
    return sluice(concat(command, options));
  }

  /** {@code sluice sql} against {@link #target()}. */
  private CliOutcome sql(String query, String... options) {
    return sluice(concat(new String[] {"sql", query, "--target", target()}, options));
  }

  private static String[] concat(String[] first, String[] rest) {
    return Stream.concat(Arrays.stream(first), Arrays.stream(rest)).toArray(String[]::new);
  }
}
