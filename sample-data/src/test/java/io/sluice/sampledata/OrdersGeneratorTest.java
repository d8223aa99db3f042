package io.sluice.sampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orders' deliberate flaws are where sample-data/README.md says, at scale 1. */
class OrdersGeneratorTest {

  @TempDir Path dir;

  @Test
  void csvHoldsFourBadRowsAtTheDocumentedLinesAndSomeDuplicateKeys() throws IOException {
    List<GeneratedFile> files = new OrdersGenerator().write(dir, GenerationSettings.committed());
    assertEquals(
        new GeneratedFile(
            OrdersGenerator.CSV, 1004, 4, Files.size(dir.resolve(OrdersGenerator.CSV))),
        files.get(0));
    List<String> lines = Files.readAllLines(dir.resolve(OrdersGenerator.CSV));
    assertEquals(1005, lines.size());
    assertEquals(7, lines.get(303 - 1).split(",", -1).length, "line 303 is a column short");
    assertEquals("", lines.get(454 - 1).split(",", -1)[3], "line 454 has no amount");
    assertEquals("12.3.4", lines.get(605 - 1).split(",", -1)[3]);
    assertEquals("2024-03-32", lines.get(906 - 1).split(",", -1)[6]);
    Set<String> keys = new HashSet<>();
    int duplicates = 0;
    for (int n = 2; n <= lines.size(); n++) {
      if (n == 303 || n == 454 || n == 605 || n == 906) {
        continue;
      }
      duplicates += keys.add(lines.get(n - 1).split(",", -1)[0]) ? 0 : 1;
    }
    assertEquals(1000, keys.size() + duplicates);
    assertEquals(20, duplicates, "sample-data/README.md gives this count");
  }

  @Test
  void jsonLinesHoldThreeBadLinesAtTheDocumentedLines() throws IOException {
    List<GeneratedFile> files = new OrdersGenerator().write(dir, GenerationSettings.committed());
    assertEquals(1003, files.get(1).records());
    assertEquals(3, files.get(1).badRecords());
    List<String> lines = Files.readAllLines(dir.resolve(OrdersGenerator.JSONL));
    assertTrue(!lines.get(402 - 1).endsWith("}"), "line 402 is cut short");
    assertTrue(lines.get(703 - 1).startsWith("{\"order_id\":\"seventy\""), lines.get(702));
    assertTrue(!lines.get(804 - 1).contains("order_date"), lines.get(803));
  }
}
