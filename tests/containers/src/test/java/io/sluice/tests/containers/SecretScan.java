package io.sluice.tests.containers;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Searches image files for secrets (issue 17 point 5): every file under a folder (a registry's blob
 * store, an OCI archive), gzip layers unpacked, tar archives entry by entry (names and contents),
 * for each secret raw, URL-encoded, base64 and base64 of {@code user:secret}. Jars and other zips
 * are searched as stored: what we write into an image as text (labels, config, scripts, manifests)
 * is what could carry a secret.
 */
final class SecretScan {

  private final Map<String, String> forms = new LinkedHashMap<>();
  private final List<String> found = new ArrayList<>();
  private long searched;

  private SecretScan(String user, List<String> secrets) {
    Base64.Encoder b64 = Base64.getEncoder();
    for (int i = 0; i < secrets.size(); i++) {
      // Named by position, never by value: the failure message must not print the secret either.
      // A form equal to an earlier one (a URL-safe secret) keeps the earlier name.
      String secret = secrets.get(i);
      String name = "secret " + (i + 1);
      forms.putIfAbsent(secret, name + " raw");
      forms.putIfAbsent(URLEncoder.encode(secret, StandardCharsets.UTF_8), name + " URL-encoded");
      forms.putIfAbsent(
          b64.encodeToString(secret.getBytes(StandardCharsets.UTF_8)), name + " base64");
      forms.putIfAbsent(
          b64.encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)),
          name + " base64 of user:secret");
    }
  }

  /**
   * Fails naming every place under {@code root} that holds one of {@code secrets}; returns the
   * bytes searched (so a caller can check the scan saw the image at all).
   */
  static long assertAbsent(Path root, String user, String... secrets) throws IOException {
    SecretScan scan = new SecretScan(user, List.of(secrets));
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          scan.search(root.relativize(file).toString(), in.readAllBytes());
        }
      }
    }
    if (!scan.found.isEmpty()) {
      fail("the secret is in the image: " + scan.found);
    }
    return scan.searched;
  }

  private void search(String where, byte[] data) throws IOException {
    searched += data.length;
    String text = new String(data, StandardCharsets.ISO_8859_1);
    forms.forEach(
        (form, name) -> {
          if (text.contains(form)) {
            found.add(where + " (" + name + ")");
          }
        });
    if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
      // A layer: unpacked as a stream, entry by entry, never whole in memory.
      try (BufferedInputStream in =
          new BufferedInputStream(new GZIPInputStream(new ByteArrayInputStream(data)), 1 << 16)) {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        if (isTar(head)) {
          searchTar(where + "!gunzip", in);
        } else {
          search(where + "!gunzip", in.readAllBytes());
        }
      }
    } else if (isTar(data)) {
      searchTar(where, new ByteArrayInputStream(data));
    }
  }

  private void searchTar(String where, InputStream in) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      search(where + "!" + e.getName(), e.getName().getBytes(StandardCharsets.UTF_8));
      if (e.isFile()) {
        search(where + "!" + e.getName(), tar.readAllBytes());
      }
    }
  }

  /** A POSIX (ustar) tar: the magic at offset 257 of the first header. */
  private static boolean isTar(byte[] data) {
    return data.length >= 512
        && new String(data, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
  }
}
