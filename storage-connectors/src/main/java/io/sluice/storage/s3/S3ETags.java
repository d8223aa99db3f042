package io.sluice.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ETags S3 gives uploads of a local file, to compare a file with an object without reading the
 * object.
 */
public final class S3ETags {

  private static final int IO_BUFFER = 256 * 1024;

  private S3ETags() {}

  /** The hex MD5 of a file, the ETag S3 gives a single-part upload of it. */
  public static String md5Hex(Path file) throws IOException {
    MessageDigest md5 = md5();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[IO_BUFFER];
      int n;
      while ((n = in.read(buffer)) > 0) {
        md5.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  /**
   * The ETag S3 gives a multipart upload of a file in parts of {@code partSize}: the MD5 of the
   * concatenated part MD5s, a dash and the part count.
   */
  public static String multipartETag(Path file, long partSize) throws IOException {
    MessageDigest whole = md5();
    MessageDigest part = md5();
    int parts = 0;
    long inPart = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[IO_BUFFER];
      int n;
      while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, partSize - inPart))) > 0) {
        part.update(buffer, 0, n);
        inPart += n;
        if (inPart == partSize) {
          whole.update(part.digest());
          parts++;
          inPart = 0;
        }
      }
    }
    if (inPart > 0 || parts == 0) {
      whole.update(part.digest());
      parts++;
    }
    return HexFormat.of().formatHex(whole.digest()) + "-" + parts;
  }

  /**
   * Whether an ETag is a plain MD5 (single-part upload, no SSE-KMS), so the content can be checked
   * against it.
   */
  static boolean isMd5(String eTag) {
    return eTag != null
        && eTag.length() == 32
        && eTag.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  /** An ETag as S3 sends it, in quotes, without them. */
  static String unquote(String eTag) {
    if (eTag == null) {
      return null;
    }
    return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
        ? eTag.substring(1, eTag.length() - 1)
        : eTag;
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
