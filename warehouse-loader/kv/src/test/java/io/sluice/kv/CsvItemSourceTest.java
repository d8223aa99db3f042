package io.sluice.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CsvItemSourceTest {

  @TempDir Path dir;

  @Test
  void quotedFieldsCrlfAndEmbeddedLineBreaks() throws Exception {
    Path csv = dir.resolve("a.csv");
    Files.writeString(
        csv,
        "\uFEFFid,note,n\r\n1,\"a, b\",5\r\n2,\"two\nlines\",\r\n\r\n3,\"say \"\"hi\"\"\",7\n4,x\n",
        StandardCharsets.UTF_8);
    try (ItemSource source = ItemSource.open(csv.toString(), new Configuration())) {
      assertEquals(List.of("id", "note", "n"), source.columns());
      assertEquals(
          Map.of(
              "id",
              AttributeValue.fromS("1"),
              "note",
              AttributeValue.fromS("a, b"),
              "n",
              AttributeValue.fromS("5")),
          source.next().item());
      SourceRow two = source.next();
      assertEquals(
          Map.of("id", AttributeValue.fromS("2"), "note", AttributeValue.fromS("two\nlines")),
          two.item(),
          "empty fields are left out");
      assertEquals("a.csv line 3", two.location());
      SourceRow three = source.next();
      assertEquals("say \"hi\"", three.item().get("note").s());
      assertEquals(3, three.number());
      assertEquals("a.csv line 6", three.location(), "blank line skipped, line numbers kept");
      SourceRow bad = source.next();
      assertTrue(bad.isBad());
      assertEquals("2 fields, the header has 3", bad.error());
      assertNull(source.next());
    }
  }

  @Test
  void aDirectoryIsReadFileByFileSkippingMarkers() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("part-1.csv"), "k\nb\n");
    Files.writeString(in.resolve("part-0.csv"), "k\na\n");
    Files.writeString(in.resolve("_SUCCESS"), "");
    try (ItemSource source = ItemSource.open(in.toString(), new Configuration())) {
      assertEquals("a", source.next().item().get("k").s());
      assertEquals("b", source.next().item().get("k").s());
      assertNull(source.next());
    }
    Files.writeString(in.resolve("part-2.csv"), "other\nc\n");
    try (ItemSource source = ItemSource.open(in.toString(), new Configuration())) {
      source.next();
      source.next();
      InvalidInputException e = assertThrows(InvalidInputException.class, source::next);
      assertTrue(
          e.getMessage().contains("part-2.csv line 1: header [other] differs"), e.getMessage());
    }
  }
}
