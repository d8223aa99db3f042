package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a PostgreSQL target is filled from the URL, libpq's environment and the password file. */
class PostgresTargetTest {

  @TempDir Path dir;

  private final Map<String, String> env =
      Map.of(
          "PGHOST", "envhost",
          "PGPORT", "6543",
          "PGDATABASE", "envdb",
          "PGUSER", "envuser",
          "PGPASSWORD", "envpw",
          "HOME", "/nonexistent");

  @Test
  void urlPartsWinOverTheEnvironment() {
    PostgresTarget t = PostgresTarget.parse("postgresql://u:p@h:5433/db?sslmode=disable", env);
    assertEquals("jdbc:postgresql://h:5433/db?sslmode=disable", t.jdbcUrl());
    assertEquals("u", t.user());
    assertEquals("p", t.password());
  }

  @Test
  void theEnvironmentFillsWhatTheUrlLeavesOut() {
    PostgresTarget t = PostgresTarget.parse("postgresql://", env);
    assertEquals("jdbc:postgresql://envhost:6543/envdb", t.jdbcUrl());
    assertEquals("envuser", t.user());
    assertEquals("envpw", t.password());
    PostgresTarget dbOnly = PostgresTarget.parse("postgresql:///other", env);
    assertEquals("jdbc:postgresql://envhost:6543/other", dbOnly.jdbcUrl());
  }

  @Test
  void defaultsAsBefore() {
    PostgresTarget t = PostgresTarget.parse("postgres://h", Map.of("HOME", "/nonexistent"));
    assertEquals("jdbc:postgresql://h/postgres", t.jdbcUrl());
    assertNull(t.password());
  }

  @Test
  void pgsslmodeUnlessTheUrlNamesOne() {
    Map<String, String> ssl = Map.of("PGSSLMODE", "require", "HOME", "/nonexistent");
    assertEquals(
        "jdbc:postgresql://h/db?sslmode=require",
        PostgresTarget.parse("postgresql://h/db", ssl).jdbcUrl());
    assertEquals(
        "jdbc:postgresql://h/db?a=1&sslmode=require",
        PostgresTarget.parse("jdbc:postgresql://h/db?a=1", ssl).jdbcUrl());
    assertEquals(
        "jdbc:postgresql://h/db?sslmode=disable",
        PostgresTarget.parse("postgresql://h/db?sslmode=disable", ssl).jdbcUrl());
  }

  @Test
  void thePasswordFileAnswersWhenNothingElseDoes() throws Exception {
    Path file = Files.writeString(dir.resolve("pgpass"), "h:5432:db:u:from-file\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> e = Map.of("PGPASSFILE", file.toString());
    assertEquals("from-file", PostgresTarget.parse("postgresql://u@h/db", e).password());
    assertEquals("url", PostgresTarget.parse("postgresql://u:url@h/db", e).password());
  }

  @Test
  void toStringShowsNoPassword() {
    PostgresTarget t = PostgresTarget.parse("jdbc:postgresql://h/db?password=hunter2", Map.of());
    assertFalse(t.toString().contains("hunter2"), t.toString());
  }
}
