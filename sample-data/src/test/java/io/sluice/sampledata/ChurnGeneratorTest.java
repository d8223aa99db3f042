package io.sluice.sampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChurnGeneratorTest {

  @TempDir Path dir;

  private static String table(long seed, int rows) throws IOException {
    StringWriter out = new StringWriter();
    ChurnGenerator.writeTable(seed, rows, out);
    return out.toString();
  }

  @Test
  void theSameSeedGivesTheSameRows() throws IOException {
    assertEquals(table(42, 500), table(42, 500));
    assertNotEquals(table(42, 500), table(43, 500));
    assertTrue(table(42, 500).startsWith(table(42, 100)), "a longer run extends a shorter one");
  }

  @Test
  void rowsHaveTheHeaderColumnsBothClassesAndSomeMissingValues() throws IOException {
    String[] lines = table(1, 2000).split("\n");
    assertEquals(ChurnGenerator.HEADER, lines[0]);
    int churned = 0;
    int emptyAges = 0;
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].split(",", -1);
      assertEquals(10, fields.length, lines[i]);
      churned += Integer.parseInt(fields[9]);
      emptyAges += fields[1].isEmpty() ? 1 : 0;
    }
    assertTrue(churned > 200 && churned < 1800, "churned " + churned);
    assertTrue(emptyAges > 20 && emptyAges < 200, "empty ages " + emptyAges);
  }

  @Test
  void theSampleDatasetIsTheCleanTableWithFiveLabelsBlanked() throws IOException {
    new ChurnGenerator().write(dir, GenerationSettings.committed());
    List<String> sample = Files.readAllLines(dir.resolve(ChurnGenerator.CSV));
    List<String> clean = List.of(table(GenerationSettings.DEFAULT_SEED, 5000).split("\n"));
    assertEquals(clean.size(), sample.size());
    int blanked = 0;
    for (int i = 0; i < clean.size(); i++) {
      if (!clean.get(i).equals(sample.get(i))) {
        blanked++;
        assertTrue(sample.get(i).endsWith(","), sample.get(i));
        assertEquals(clean.get(i).substring(0, clean.get(i).length() - 1), sample.get(i));
        assertEquals(ChurnGenerator.customerId(i), sample.get(i).substring(0, 8), "row " + i);
        assertEquals(500, i % 1000);
      }
    }
    assertEquals(5, blanked);
    assertTrue(
        Files.readString(dir.resolve(ChurnGenerator.SPEC)).contains("input: customer-churn.csv"));
  }

  @Test
  void theSignalPointsTheDocumentedWay() {
    double base = ChurnGenerator.logOdds(45, 24, 70, 1, "standard", "one-year", 0);
    assertTrue(ChurnGenerator.logOdds(45, 24, 70, 1, "standard", "month-to-month", 0) > base);
    assertTrue(ChurnGenerator.logOdds(45, 60, 70, 1, "standard", "one-year", 0) < base);
    assertTrue(ChurnGenerator.logOdds(45, 24, 70, 5, "standard", "one-year", 0) > base);
    assertTrue(ChurnGenerator.logOdds(45, 24, 70, 1, "standard", "one-year", -1) > base);
  }
}
