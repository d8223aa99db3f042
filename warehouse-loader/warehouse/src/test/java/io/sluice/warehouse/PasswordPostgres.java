package io.sluice.warehouse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL (embedded binaries) where one role owns one database and logs in over TCP with
 * a password (scram-sha-256), as on a real server; the superuser keeps trust, which the embedded
 * server's own checks use. For tests of how passwords reach PostgreSQL and that they never leak
 * (also used by cluster-runner's SecretsIT, through this module's test jar).
 */
public final class PasswordPostgres implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final String database;

  private PasswordPostgres(EmbeddedPostgres postgres, String database) {
    this.postgres = postgres;
    this.database = database;
  }

  public static PasswordPostgres start(String user, String password, String database)
      throws Exception {
    PasswordPostgres server = new PasswordPostgres(EmbeddedPostgres.builder().start(), database);
    try (Connection c = server.postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE " + database + " OWNER " + user);
      Path hba;
      try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
        rs.next();
        hba = Path.of(rs.getString(1));
      }
      Files.writeString(
          hba,
          "local all all trust\n"
              + "host all postgres 127.0.0.1/32 trust\n"
              + "host all postgres ::1/128 trust\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n");
      s.execute("SELECT pg_reload_conf()");
    }
    server.awaitPasswordsRequired(user, "not-" + password);
    return server;
  }

  /** pg_reload_conf signals the server; wait (bounded) until a wrong password is refused. */
  private void awaitPasswordsRequired(String user, String wrong) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try (Connection c = DriverManager.getConnection(jdbcUrl(), user, wrong)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("pg_hba.conf was not reloaded");
        }
        Thread.sleep(50);
      } catch (SQLException refused) {
        return;
      }
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** The database on 127.0.0.1, without user or password. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  @Override
  public void close() throws Exception {
    postgres.close();
  }
}
