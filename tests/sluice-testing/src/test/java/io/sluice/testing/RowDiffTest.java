package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The multiset row comparison behind assertDatasetEquals, on plain rows (no Spark session). */
class RowDiffTest {

  private static Row row(Object... values) {
    return RowFactory.create(values);
  }

  @Test
  void orderDoesNotMatter() {
    RowDiff.Result r =
        RowDiff.compare(List.of(row("a", 1), row("b", 2)), List.of(row("b", 2), row("a", 1)), 0);
    assertTrue(r.equal(), r.toString());
  }

  @Test
  void duplicatesCountSoTheyCannotHideADifference() {
    // spark-testing-base issue 318: a set difference (except) calls these equal.
    RowDiff.Result r =
        RowDiff.compare(
            List.of(row("a"), row("a"), row("b")), List.of(row("a"), row("b"), row("b")), 0);
    assertEquals(List.of(List.of("a")), r.missing());
    assertEquals(List.of(List.of("b")), r.unexpected());
    String message = RowDiff.describe(r, 3, 3, 0);
    assertTrue(message.contains("1 missing, 1 unexpected"), message);
    assertTrue(message.contains("missing (in expected, not in actual): 1\n  [a]"), message);
    assertTrue(message.contains("unexpected (in actual, not in expected): 1\n  [b]"), message);
  }

  @Test
  void aMissingDuplicateIsReportedWithItsCount() {
    RowDiff.Result r = RowDiff.compare(List.of(row("a"), row("a"), row("a")), List.of(row("a")), 0);
    assertEquals(2, r.missing().size());
    assertTrue(RowDiff.describe(r, 3, 1, 0).contains("  [a]  (x2)"), RowDiff.describe(r, 3, 1, 0));
  }

  @Test
  void doublesMatchWithinAnAbsoluteOrRelativeTolerance() {
    assertTrue(
        RowDiff.compare(List.of(row("x", 1.0)), List.of(row("x", 1.0 + 1e-10)), 1e-9).equal());
    // Relative: 1e12 and 1e12 + 100 differ by 1e-10 of their size.
    assertTrue(RowDiff.compare(List.of(row(1e12)), List.of(row(1e12 + 100)), 1e-9).equal());
    assertTrue(!RowDiff.compare(List.of(row(1.0)), List.of(row(1.001)), 1e-9).equal());
    assertTrue(
        !RowDiff.compare(List.of(row(1.0)), List.of(row(1.0 + 1e-10)), 0).equal(),
        "no tolerance: exact");
  }

  @Test
  void floatsDecimalsAndNestedValuesUseTheTolerance() {
    assertTrue(RowDiff.compare(List.of(row(1.5f)), List.of(row(1.5000001f)), 1e-6).equal());
    assertTrue(
        RowDiff.compare(
                List.of(row(new BigDecimal("10.00"))), List.of(row(new BigDecimal("10.01"))), 0.01)
            .equal());
    assertTrue(
        !RowDiff.compare(
                List.of(row(new BigDecimal("10.00"))), List.of(row(new BigDecimal("10.50"))), 0.01)
            .equal());
    Row nested =
        row(
            "k",
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(1.0, 2.0)).toSeq(),
            row(3.0, "s"));
    Row close =
        row(
            "k",
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(1.0, 2.0 + 1e-12)).toSeq(),
            row(3.0 + 1e-12, "s"));
    Row far =
        row(
            "k",
            scala.jdk.javaapi.CollectionConverters.asScala(List.of(1.0, 2.5)).toSeq(),
            row(3.0, "s"));
    assertTrue(RowDiff.compare(List.of(nested), List.of(close), 1e-9).equal());
    assertTrue(!RowDiff.compare(List.of(nested), List.of(far), 1e-9).equal());
  }

  @Test
  void nanEqualsNanAndNegativeZeroEqualsZero() {
    assertTrue(
        RowDiff.compare(List.of(row(Double.NaN, -0.0)), List.of(row(Double.NaN, 0.0)), 0).equal());
    assertTrue(!RowDiff.compare(List.of(row(Double.NaN)), List.of(row(1.0)), 1e-9).equal());
    assertTrue(!RowDiff.compare(List.of(row((Object) null)), List.of(row(0.0)), 1e-9).equal());
  }

  @Test
  void toleranceMatchingPairsEveryRowOnceEvenWhenAGreedyPairingWouldNot() {
    // 1.0 is within 0.15 of both 1.1 and 0.9; 1.2 only of 1.1. Greedy would pair 1.0-1.1 and leave
    // 1.2 alone.
    RowDiff.Result r =
        RowDiff.compare(List.of(row(1.0), row(1.2)), List.of(row(1.1), row(0.9)), 0.15);
    assertTrue(r.equal(), r.toString());
    // Multiplicity with a tolerance: two expected rows cannot both match one actual row.
    RowDiff.Result twice =
        RowDiff.compare(List.of(row(1.0), row(1.0)), List.of(row(1.0 + 1e-12)), 1e-9);
    assertEquals(1, twice.missing().size());
  }

  @Test
  void binaryValuesCompareByContent() {
    assertTrue(
        RowDiff.compare(
                List.of(row((Object) new byte[] {1, 2})),
                List.of(row((Object) new byte[] {1, 2})),
                0)
            .equal());
    RowDiff.Result r =
        RowDiff.compare(
            List.of(row((Object) new byte[] {1, 2})), List.of(row((Object) new byte[] {1, 3})), 0);
    assertTrue(RowDiff.describe(r, 1, 1, 0).contains("[0x0102]"), RowDiff.describe(r, 1, 1, 0));
  }

  @Test
  void printedRowsAreCapped() {
    List<Row> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(row("row" + i));
    }
    RowDiff.Result r = RowDiff.compare(expected, List.of(), 0);
    String message = RowDiff.describe(r, 100, 0, 0);
    assertTrue(message.contains("missing (in expected, not in actual): 100"), message);
    assertTrue(message.contains("... and 80 more distinct"), message);
    assertTrue(message.lines().count() < 30, message);
  }

  @Test
  void schemasCompareNamesAndTypesInOrderButNotNullability() {
    StructType ab =
        new StructType()
            .add("a", DataTypes.StringType, true)
            .add("b", DataTypes.IntegerType, false);
    StructType abNullable =
        new StructType()
            .add("a", DataTypes.StringType, false)
            .add("b", DataTypes.IntegerType, true);
    assertNull(RowDiff.schemaDifference(ab, abNullable));
    StructType longB = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.LongType);
    String message = RowDiff.schemaDifference(ab, longB);
    assertTrue(message.contains("column 2: expected b int, actual b bigint"), message);
    StructType ba = new StructType().add("b", DataTypes.IntegerType).add("a", DataTypes.StringType);
    assertTrue(
        RowDiff.schemaDifference(ab, ba).contains("column 1: expected a string, actual b int"));
    StructType extra = ab.add("c", DataTypes.DoubleType);
    assertTrue(
        RowDiff.schemaDifference(ab, extra).contains("column 3: expected (none), actual c double"));
  }
}
