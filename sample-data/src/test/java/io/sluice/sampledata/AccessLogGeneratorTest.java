package io.sluice.sampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogGeneratorTest {

  @TempDir Path dir;

  @Test
  void apacheLogHoldsThreeBadLinesOneOfThemNotUtf8() throws IOException {
    List<GeneratedFile> files = new AccessLogGenerator().write(dir, GenerationSettings.committed());
    assertEquals(3, files.size(), "one Apache log and two CloudFront logs at scale 1");
    assertEquals(303, files.get(0).records());
    assertEquals(3, files.get(0).badRecords());
    byte[] log = Files.readAllBytes(dir.resolve(AccessLogGenerator.APACHE_LOG));
    List<byte[]> lines = splitLines(log);
    assertEquals(303, lines.size());
    assertTrue(ascii(lines.get(122 - 1)).contains("\"\\x16\\x03"), "line 122 is a TLS handshake");
    assertTrue(ascii(lines.get(244 - 1)).endsWith("\"GET /products HTT"), "line 244 is cut short");
    boolean utf8;
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(lines.get(183 - 1)));
      utf8 = true;
    } catch (CharacterCodingException e) {
      utf8 = false;
    }
    assertFalse(utf8, "line 183 is random bytes");
    for (int n = 1; n <= 2; n++) {
      assertEquals(101, files.get(n).records());
      List<String> cloudFront = Files.readAllLines(dir.resolve(files.get(n).path()));
      assertEquals(103, cloudFront.size(), files.get(n).path());
      assertEquals(8, cloudFront.get(54 - 1).split("\t").length, "line 54 is cut short");
    }
  }

  private static String ascii(byte[] line) {
    return new String(line, StandardCharsets.ISO_8859_1);
  }

  private static List<byte[]> splitLines(byte[] bytes) {
    List<byte[]> lines = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(Arrays.copyOfRange(bytes, start, i));
        start = i + 1;
      }
    }
    return lines;
  }
}
