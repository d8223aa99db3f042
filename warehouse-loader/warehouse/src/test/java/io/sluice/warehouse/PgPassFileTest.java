package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassFileTest {

  @TempDir Path dir;

  private Path pgpass(String perms, String text) throws Exception {
    Path file = Files.writeString(dir.resolve("pgpass"), text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    return file;
  }

  @Test
  void firstMatchingLineWinsWithWildcardsAndEscapes() throws Exception {
    Path file =
        pgpass(
            "rw-------",
            "# comment\n"
                + "db.example:5432:lake:sluice:first\n"
                + "*:*:lake:sluice:any\\:host\n"
                + "fe80\\:\\:1:*:*:*:v6\\\\pw:ignored after colon\n"
                + "*:*:*:*:fallback\n");
    assertEquals(
        Optional.of("first"), PgPassFile.password(file, "db.example", "5432", "lake", "sluice"));
    assertEquals(
        Optional.of("any:host"), PgPassFile.password(file, "other", "5433", "lake", "sluice"));
    assertEquals(Optional.of("v6\\pw"), PgPassFile.password(file, "fe80::1", "5432", "x", "y"));
    assertEquals(Optional.of("fallback"), PgPassFile.password(file, "h", "1", "other", "sluice"));
  }

  @Test
  void aFileOthersMayReadIsIgnoredAsLibpqDoes() throws Exception {
    Path file = pgpass("rw-r--r--", "*:*:*:*:pw\n");
    assertEquals(Optional.empty(), PgPassFile.password(file, "h", "5432", "db", "u"));
  }

  @Test
  void pgpassfileElseHomeDotPgpass() {
    assertEquals(
        Path.of("/x/pw"), PgPassFile.location(Map.of("PGPASSFILE", "/x/pw", "HOME", "/h")));
    assertEquals(Path.of("/h/.pgpass"), PgPassFile.location(Map.of("HOME", "/h")));
  }

  @Test
  void noFileNoPassword() {
    assertEquals(Optional.empty(), PgPassFile.password(dir.resolve("none"), "h", "1", "d", "u"));
  }
}
