package io.sluice.runner.serve;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.runner.CliOutcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice serve} refusing to start: one line, exit 2, nothing left listening. */
class ServeCommandTest {

  @TempDir Path dir;

  @Test
  void aPortInUseIsOneLineWithExitTwo() throws Exception {
    Path db = dir.resolve("w.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t AS SELECT 1 AS n");
    }
    Path api = dir.resolve("api.yaml");
    Files.writeString(
        api,
        "routes:\n  - route: GET /n\n    sql: {target: \"duckdb:"
            + db
            + "\", query: SELECT n FROM t}\n");
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = busy.getLocalPort();
      CliOutcome o = sluice("serve", api.toString(), "--port", Integer.toString(port));
      assertEquals(2, o.code, o.toString());
      assertEquals(1, o.err.strip().lines().count(), o.err);
      assertTrue(
          o.err.startsWith("sluice: cannot listen on 127.0.0.1:" + port + ": "), o.toString());
      assertEquals("", o.out);
    }
  }

  @Test
  void neitherAnApiFileNorDemoIsAUsageError() {
    CliOutcome o = sluice("serve", "--port", "0");
    assertEquals(2, o.code);
    assertTrue(o.err.contains("Missing required parameter: 'API_FILE' (or --demo)"), o.err);
    CliOutcome both = sluice("serve", "api.yaml", "--demo");
    assertEquals(2, both.code);
    assertTrue(both.err.contains("give an API_FILE or --demo, not both"), both.err);
  }
}
