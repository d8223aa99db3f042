package io.sluice.ml.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CustomerChurnGeneratorTest {

  private static String generate(long seed, int rows) throws IOException {
    StringWriter out = new StringWriter();
    new CustomerChurnGenerator(seed).write(rows, out);
    return out.toString();
  }

  @Test
  void theSameSeedGivesTheSameRows() throws IOException {
    assertEquals(generate(42, 500), generate(42, 500));
    assertNotEquals(generate(42, 500), generate(43, 500));
    assertTrue(generate(42, 500).startsWith(generate(42, 100)), "a longer run extends a shorter one");
  }

  @Test
  void rowsHaveTheHeaderColumnsAndBothClasses() throws IOException {
    String[] lines = generate(1, 2000).split("\n");
    assertEquals(CustomerChurnGenerator.HEADER, lines[0]);
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
  void theSignalPointsTheDocumentedWay() {
    double base = CustomerChurnGenerator.logOdds(45, 24, 70, 1, "standard", "one-year", 0);
    assertTrue(CustomerChurnGenerator.logOdds(45, 24, 70, 1, "standard", "month-to-month", 0) > base);
    assertTrue(CustomerChurnGenerator.logOdds(45, 60, 70, 1, "standard", "one-year", 0) < base);
    assertTrue(CustomerChurnGenerator.logOdds(45, 24, 70, 5, "standard", "one-year", 0) > base);
    assertTrue(CustomerChurnGenerator.logOdds(45, 24, 70, 1, "standard", "one-year", -1) > base);
  }
}
