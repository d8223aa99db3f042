package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Searches what a run printed or wrote for secrets (issue 17 point 5): each secret raw,
 * URL-encoded, base64, and base64 of {@code user:secret} for each user given (an HTTP basic-auth
 * header). Files are read as bytes (ISO-8859-1, so any byte sequence compares as is), gzip files
 * unpacked, tar archives searched entry by entry (names and contents): an image's layers, its
 * config (labels) and manifests. Jars and other zips are searched as stored: what we write as text
 * is what could carry a secret. Failures name a secret by its position, never by its value.
 */
public final class SecretScan {

  private final Map<String, String> forms = new LinkedHashMap<>();

  /**
   * The forms as ISO-8859-1 bytes, searched in files in one pass, and their names; a form with a
   * character beyond ISO-8859-1 cannot occur in bytes read that way and is left out.
   */
  private final MultiSearch inBytes;

  private final List<String> byteFormNames = new ArrayList<>();

  private SecretScan(List<String> users, List<String> secrets) {
    Base64.Encoder b64 = Base64.getEncoder();
    for (int i = 0; i < secrets.size(); i++) {
      String secret = secrets.get(i);
      String name = "secret " + (i + 1);
      // A form equal to an earlier one (a URL-safe secret) keeps the earlier name.
      forms.putIfAbsent(secret, name + " raw");
      forms.putIfAbsent(URLEncoder.encode(secret, StandardCharsets.UTF_8), name + " URL-encoded");
      forms.putIfAbsent(
          b64.encodeToString(secret.getBytes(StandardCharsets.UTF_8)), name + " base64");
      for (String user : users) {
        forms.putIfAbsent(
            b64.encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)),
            name + " base64 of " + user + ":secret");
      }
    }
    List<byte[]> byteForms = new ArrayList<>();
    CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
    forms.forEach(
        (form, name) -> {
          if (latin1.canEncode(form)) {
            byteForms.add(form.getBytes(StandardCharsets.ISO_8859_1));
            byteFormNames.add(name);
          }
        });
    inBytes = new MultiSearch(byteForms);
  }

  /** A scan for {@code secrets}, also as basic-auth credentials of each of {@code users}. */
  public static SecretScan of(List<String> users, List<String> secrets) {
    return new SecretScan(users, secrets);
  }

  /** Fails if {@code text} (an output, a message) holds a secret; {@code where} names the text. */
  public void assertAbsent(String where, String text) {
    List<String> found = new ArrayList<>();
    search(where, text, found);
    if (!found.isEmpty()) {
      fail("a secret in " + found);
    }
  }

  /**
   * Fails naming every place in the files under {@code root} (but those {@code skip} matches) that
   * holds a secret; returns the bytes searched, unpacked archives included, so a caller can check
   * the scan saw what it meant to.
   */
  public long assertAbsentUnder(Path root, Predicate<Path> skip) throws IOException {
    List<String> found = new ArrayList<>();
    long searched = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).filter(skip.negate()).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          searched += searchBytes(root.relativize(file).toString(), in.readAllBytes(), found);
        }
      }
    }
    if (!found.isEmpty()) {
      fail("a secret in files written: " + found);
    }
    return searched;
  }

  private void search(String where, String text, List<String> found) {
    forms.forEach(
        (form, name) -> {
          if (text.contains(form)) {
            found.add(where + " (" + name + ")");
          }
        });
  }

  private long searchBytes(String where, byte[] data, List<String> found) throws IOException {
    long searched = data.length;
    inBytes.find(data).stream().forEach(k -> found.add(where + " (" + byteFormNames.get(k) + ")"));
    if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
      // A layer: unpacked as a stream, entry by entry, never whole in memory.
      try (BufferedInputStream in =
          new BufferedInputStream(new GZIPInputStream(new ByteArrayInputStream(data)), 1 << 16)) {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        searched +=
            isTar(head)
                ? searchTar(where + "!gunzip", in, found)
                : searchBytes(where + "!gunzip", in.readAllBytes(), found);
      }
    } else if (isTar(data)) {
      searched += searchTar(where, new ByteArrayInputStream(data), found);
    }
    return searched;
  }

  private long searchTar(String where, InputStream in, List<String> found) throws IOException {
    long searched = 0;
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      search(where + "!" + e.getName(), e.getName(), found);
      if (e.isFile()) {
        searched += searchBytes(where + "!" + e.getName(), tar.readAllBytes(), found);
      }
    }
    return searched;
  }

  /** A POSIX (ustar) tar: the magic at offset 257 of the first header. */
  private static boolean isTar(byte[] data) {
    return data.length >= 512
        && new String(data, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
  }
}
