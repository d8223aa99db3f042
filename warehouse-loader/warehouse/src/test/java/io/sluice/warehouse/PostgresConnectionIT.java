package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code sluice sql} and loads reach a real PostgreSQL that wants a password (scram-sha-256):
 * libpq's environment variables and password file, scripts of several statements, and no password
 * in any message or log line.
 */
class PostgresConnectionIT {

  private static final String PASSWORD = "pg-Pass-4711";
  private static final String WRONG = "wrong-Secret-0815";

  private static PasswordPostgres postgres;
  private static int port;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    postgres = PasswordPostgres.start("sluice", PASSWORD, "lake");
    port = postgres.port();
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** An environment of libpq variables only (no HOME .pgpass of whoever runs the test). */
  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.resolve("home").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static List<Object> row(String target, Map<String, String> env) {
    try (Warehouse w = WarehouseTarget.open(target, env)) {
      return w.query("SELECT current_user::text, current_database()::text", 1).rows().get(0);
    }
  }

  private Path pgpass(String perms) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("pgpass"),
            "# other servers first\n"
                + "elsewhere:*:*:*:nope\n"
                + "127.0.0.1:"
                + port
                + ":lake:sluice:"
                + PASSWORD
                + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    return file;
  }

  @Test
  void aPrivatePasswordFileSuppliesThePassword() throws Exception {
    Path file = pgpass("rw-------");
    assertEquals(
        List.of("sluice", "lake"),
        row("postgresql://sluice@127.0.0.1:" + port + "/lake", env("PGPASSFILE", file.toString())));
    // ~/.pgpass when PGPASSFILE is not set.
    Files.createDirectories(dir.resolve("home"));
    Files.move(file, dir.resolve("home/.pgpass"));
    assertEquals(
        List.of("sluice", "lake"), row("postgresql://sluice@127.0.0.1:" + port + "/lake", env()));
  }

  @Test
  void aPasswordFileOthersMayReadIsIgnored() throws Exception {
    Path file = pgpass("rw-r--r--");
    WarehouseException e =
        assertThrows(
            WarehouseException.class,
            () ->
                row(
                    "postgresql://sluice@127.0.0.1:" + port + "/lake",
                    env("PGPASSFILE", file.toString())));
    assertTrue(e.getMessage().startsWith("postgresql: "), e.getMessage());
  }

  @Test
  void libpqVariablesFillWhatTheUrlLeavesOut() {
    Map<String, String> env =
        env(
            "PGHOST", "127.0.0.1",
            "PGPORT", String.valueOf(port),
            "PGDATABASE", "lake",
            "PGUSER", "sluice",
            "PGPASSWORD", PASSWORD,
            "PGSSLMODE", "disable");
    assertEquals(List.of("sluice", "lake"), row("postgresql://", env));
    // URL parts win: the database named in the URL, the rest from the environment.
    assertEquals(List.of("sluice", "postgres"), row("postgresql:///postgres", env));
  }

  @Test
  void aWrongPasswordIsNeverPrintedNorLogged() throws Exception {
    String url = "postgresql://sluice:" + WRONG + "@127.0.0.1:" + port + "/lake";
    String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/lake?user=sluice&password=" + WRONG;
    Path input = SampleData.narrow(dir.resolve("n.parquet"), SampleData.NARROW_LONG, 0, 10);
    List<Supplier<RuntimeException>> failures = new ArrayList<>();
    for (String target : List.of(url, jdbc)) {
      failures.add(() -> failure(() -> row(target, env())));
      failures.add(
          () ->
              failure(
                  () -> {
                    try (Warehouse w = WarehouseTarget.open(target, env())) {
                      w.load(
                          SampleData.request(input, "t", LoadMode.CREATE, dir.resolve("q.csv"))
                              .build());
                    }
                  }));
      failures.add(
          () ->
              failure(
                  () -> {
                    try (Warehouse w = WarehouseTarget.open(target, env())) {
                      w.run(SqlScript.split("SELECT 1;"), 10, r -> {});
                    }
                  }));
    }
    for (Supplier<RuntimeException> f : failures) {
      ByteArrayOutputStream logs = new ByteArrayOutputStream();
      PrintStream out = System.out;
      PrintStream err = System.err;
      RuntimeException e;
      try (PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8)) {
        System.setOut(capture);
        System.setErr(capture);
        e = f.get();
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
      String message = e.getMessage();
      assertFalse(message.contains(WRONG), message);
      assertFalse(message.contains("\n"), message);
      assertTrue(message.contains("password authentication failed"), message);
      // A wrong password is the user's to fix: the command line exits 2.
      assertTrue(e instanceof InvalidLoadRequestException, e.getClass().getName());
      assertFalse(logs.toString(StandardCharsets.UTF_8).contains(WRONG), logs.toString());
    }
    assertFalse(PostgresTarget.parse(jdbc, env()).toString().contains(WRONG));
  }

  private static RuntimeException failure(Runnable action) {
    return assertThrows(WarehouseException.class, action::run);
  }

  @Test
  void aScriptRunsStatementByStatementUntilOneFails() {
    String script =
        """
        CREATE TABLE notes (id int, body text); -- a ';' in a comment
        INSERT INTO notes VALUES (1, 'a;b'), (2, $q$x;'y$q$);
        CREATE FUNCTION twice(int) RETURNS int AS $$ SELECT $1 * 2; $$ LANGUAGE sql;
        SELECT body, twice(id) FROM notes ORDER BY id;

        SELECT * FROM no_such_table;
        DROP TABLE notes;
        """;
    List<QueryResult> results = new ArrayList<>();
    Map<String, String> env = env("PGPASSWORD", PASSWORD);
    try (Warehouse w =
        WarehouseTarget.open("postgresql://sluice@127.0.0.1:" + port + "/lake", env)) {
      StatementFailedException e =
          assertThrows(
              StatementFailedException.class,
              () -> w.run(SqlScript.split(script), 100, results::add));
      assertEquals(6, e.statement().line());
      assertTrue(e.getMessage().startsWith("postgresql: ERROR: relation"), e.getMessage());
      assertEquals(4, results.size());
      assertEquals(List.of(List.of("a;b", 2), List.of("x;'y", 4)), results.get(3).rows());
      // Each statement committed on its own: the table is there, the DROP never ran.
      assertEquals(2L, w.query("SELECT count(*) FROM notes", 1).rows().get(0).get(0));
    }
  }
}
