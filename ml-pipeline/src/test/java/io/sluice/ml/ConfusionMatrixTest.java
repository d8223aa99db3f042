package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

  @Test
  void binaryMetricsMatchTheDefinitions() {
    // actual no: 50 right, 10 called yes; actual yes: 5 missed, 35 found.
    ConfusionMatrix m = new ConfusionMatrix(List.of("no", "yes"), new long[][] {{50, 10}, {5, 35}});
    assertEquals(100, m.total());
    assertEquals(0.85, m.accuracy(), 1e-12);
    assertEquals(35.0 / 45, m.precision(1), 1e-12);
    assertEquals(35.0 / 40, m.recall(1), 1e-12);
    double p = 35.0 / 45;
    double r = 35.0 / 40;
    assertEquals(2 * p * r / (p + r), m.f1(1), 1e-12);
  }

  @Test
  void multiclassUsesMacroAveragesAndSurvivesAnEmptyClass() {
    ConfusionMatrix m =
        new ConfusionMatrix(List.of("a", "b", "c"), new long[][] {{2, 1, 0}, {0, 3, 0}, {0, 0, 0}});
    assertEquals(5.0 / 6, m.accuracy(), 1e-12);
    assertEquals((1.0 + 0.75 + 0.0) / 3, m.macroPrecision(), 1e-12);
    assertEquals((2.0 / 3 + 1.0 + 0.0) / 3, m.macroRecall(), 1e-12);
    assertEquals(0.0, m.f1(2), 1e-12);
  }
}
