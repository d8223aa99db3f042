package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan SecretsIT and RegistryAuthIT rely on finds a secret wherever it could be written. */
class SecretScanTest {

  private static final String SECRET = "s3cr3t-value-for-the-scan";
  private static final SecretScan SCAN = SecretScan.of(List.of("user"), List.of(SECRET));

  @TempDir Path dir;

  private void layer(String entry, String content) throws IOException {
    try (OutputStream file = Files.newOutputStream(dir.resolve("blob-" + entry.hashCode()));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(entry);
      e.setSize(bytes.length);
      tar.putArchiveEntry(e);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
  }

  @Test
  void aCleanImagePassesAndCountsWhatItSearched() throws IOException {
    layer("app/config.json", "{\"labels\":{\"revision\":\"abc\"}}");
    assertTrue(SCAN.assertAbsentUnder(dir, p -> false) > 0);
  }

  @Test
  void findsTheSecretInsideAGzippedLayerWithoutPrintingIt() throws IOException {
    layer("app/config.json", "{\"labels\":{\"password\":\"" + SECRET + "\"}}");
    AssertionError e =
        assertThrows(AssertionError.class, () -> SCAN.assertAbsentUnder(dir, p -> false));
    assertTrue(e.getMessage().contains("app/config.json (secret 1 raw)"), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void findsABasicAuthHeaderAndAnEntryName() throws IOException {
    String basic =
        Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes(StandardCharsets.UTF_8));
    layer("etc/auth", "Authorization: Basic " + basic);
    layer("keys/" + SECRET, "");
    AssertionError e =
        assertThrows(AssertionError.class, () -> SCAN.assertAbsentUnder(dir, p -> false));
    assertTrue(
        e.getMessage().contains("etc/auth (secret 1 base64 of user:secret)"), e.getMessage());
    assertTrue(e.getMessage().contains("(secret 1 raw)"), e.getMessage());
  }

  @Test
  void findsAnyFormInText() {
    SCAN.assertAbsent("stdout", "nothing here");
    String encoded = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    AssertionError e =
        assertThrows(AssertionError.class, () -> SCAN.assertAbsent("stderr", "token " + encoded));
    assertTrue(e.getMessage().contains("stderr (secret 1 base64)"), e.getMessage());
    assertFalse(e.getMessage().contains(encoded), e.getMessage());
  }
}
