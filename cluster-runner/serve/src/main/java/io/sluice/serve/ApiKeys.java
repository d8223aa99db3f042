package io.sluice.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The API keys clients present in {@code x-api-key}: read from a file, one key per line (blank
 * lines and lines starting with # skipped). Keys are only ever named by their id, a short hash, in
 * logs and metrics.
 */
public final class ApiKeys {

  /** The header clients send their key in, as API Gateway names it. */
  public static final String HEADER = "x-api-key";

  private final Map<String, String> idsByKey;

  private ApiKeys(Map<String, String> idsByKey) {
    this.idsByKey = Map.copyOf(idsByKey);
  }

  public static ApiKeys load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ApiFileException("api-keys file not found: " + file);
    } catch (IOException e) {
      throw new ApiFileException("cannot read api-keys file " + file + ": " + e.getMessage());
    }
    Map<String, String> ids = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String key = lines.get(i).strip();
      if (key.isEmpty() || key.startsWith("#")) {
        continue;
      }
      if (key.length() < 8 || key.chars().anyMatch(Character::isWhitespace)) {
        // The key itself is never repeated in a message.
        throw new ApiFileException(
            file + ":" + (i + 1) + ": an API key is 8 or more characters without spaces");
      }
      ids.put(key, keyId(key));
    }
    if (ids.isEmpty()) {
      throw new ApiFileException(file + ": no API keys in the file (one key per line)");
    }
    return new ApiKeys(ids);
  }

  /** The id of a known key, or null when the key is not one of them. */
  public String idOf(String presentedKey) {
    return idsByKey.get(presentedKey);
  }

  public int size() {
    return idsByKey.size();
  }

  /** A key's id: the first 8 hex digits of its SHA-256, enough to tell keys apart in logs. */
  static String keyId(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
