package io.sluice.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compares rows as multisets: order does not matter, duplicates do (two equal rows must be matched
 * by two), and float, double and decimal values (also inside arrays, maps and structs) may differ
 * by an absolute or relative tolerance. Rows are plain {@link Row}s, so this needs no Spark
 * session.
 */
final class RowDiff {

  /** At most this many distinct rows of each kind are printed. */
  static final int MAX_PRINTED = 20;

  private static final long MAX_MATCHING_CELLS = 4_000_000;

  private RowDiff() {}

  /** What does not match: rows of expected without a partner in actual, and the other way round. */
  record Result(List<List<Object>> missing, List<List<Object>> unexpected) {
    boolean equal() {
      return missing.isEmpty() && unexpected.isEmpty();
    }
  }

  /**
   * A message naming the first differing column (names and types, nullability ignored); null when
   * equal.
   */
  static String schemaDifference(StructType expected, StructType actual) {
    StructField[] e = expected.fields();
    StructField[] a = actual.fields();
    StringBuilder differences = new StringBuilder();
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String x = i < e.length ? e[i].name() + " " + e[i].dataType().catalogString() : "(none)";
      String y = i < a.length ? a[i].name() + " " + a[i].dataType().catalogString() : "(none)";
      if (!x.equals(y)) {
        differences
            .append("  column ")
            .append(i + 1)
            .append(": expected ")
            .append(x)
            .append(", actual ")
            .append(y)
            .append('\n');
      }
    }
    if (differences.isEmpty()) {
      return null;
    }
    return "schemas differ (names and types, in order):\n  expected: "
        + expected.catalogString()
        + "\n  actual:   "
        + actual.catalogString()
        + "\n"
        + differences;
  }

  static Result compare(List<Row> expected, List<Row> actual, double tolerance) {
    List<List<Object>> e = expected.stream().map(RowDiff::canonicalRow).toList();
    List<List<Object>> a = actual.stream().map(RowDiff::canonicalRow).toList();
    // Exact matches first, counted.
    Map<List<Object>, Integer> balance = new HashMap<>();
    e.forEach(r -> balance.merge(r, 1, Integer::sum));
    a.forEach(r -> balance.merge(r, -1, Integer::sum));
    List<List<Object>> missing = new ArrayList<>();
    List<List<Object>> unexpected = new ArrayList<>();
    Map<List<Object>, Integer> missingLeft = new HashMap<>(balance);
    for (List<Object> r : e) {
      int b = missingLeft.getOrDefault(r, 0);
      if (b > 0) {
        missing.add(r);
        missingLeft.put(r, b - 1);
      }
    }
    Map<List<Object>, Integer> unexpectedLeft = new HashMap<>(balance);
    for (List<Object> r : a) {
      int b = unexpectedLeft.getOrDefault(r, 0);
      if (b < 0) {
        unexpected.add(r);
        unexpectedLeft.put(r, b + 1);
      }
    }
    if (tolerance <= 0 || missing.isEmpty() || unexpected.isEmpty()) {
      return new Result(missing, unexpected);
    }
    // Then pair the rest within the tolerance, as many pairs as possible.
    int[] partner;
    if ((long) missing.size() * unexpected.size() <= MAX_MATCHING_CELLS) {
      partner =
          Matching.maximum(
              missing.size(),
              unexpected.size(),
              (i, j) -> approximatelyEqual(missing.get(i), unexpected.get(j), tolerance));
    } else {
      partner = greedy(missing, unexpected, tolerance);
    }
    boolean[] matched = new boolean[unexpected.size()];
    List<List<Object>> stillMissing = new ArrayList<>();
    for (int i = 0; i < missing.size(); i++) {
      if (partner[i] >= 0) {
        matched[partner[i]] = true;
      } else {
        stillMissing.add(missing.get(i));
      }
    }
    List<List<Object>> stillUnexpected = new ArrayList<>();
    for (int j = 0; j < unexpected.size(); j++) {
      if (!matched[j]) {
        stillUnexpected.add(unexpected.get(j));
      }
    }
    return new Result(stillMissing, stillUnexpected);
  }

  private static int[] greedy(
      List<List<Object>> missing, List<List<Object>> unexpected, double tolerance) {
    int[] partner = new int[missing.size()];
    Arrays.fill(partner, -1);
    boolean[] used = new boolean[unexpected.size()];
    for (int i = 0; i < missing.size(); i++) {
      for (int j = 0; j < unexpected.size(); j++) {
        if (!used[j] && approximatelyEqual(missing.get(i), unexpected.get(j), tolerance)) {
          used[j] = true;
          partner[i] = j;
          break;
        }
      }
    }
    return partner;
  }

  /** The failure message for a non-equal result. */
  static String describe(Result result, int expectedRows, int actualRows, double tolerance) {
    StringBuilder out = new StringBuilder();
    out.append("rows differ: expected ")
        .append(expectedRows)
        .append(" rows, actual ")
        .append(actualRows)
        .append("; ")
        .append(result.missing().size())
        .append(" missing, ")
        .append(result.unexpected().size())
        .append(" unexpected (order ignored, duplicates counted")
        .append(tolerance > 0 ? String.format(Locale.ROOT, ", tolerance %s", tolerance) : "")
        .append(")\n");
    LineDiff.section(out, "missing (in expected, not in actual)", counted(result.missing()));
    LineDiff.section(out, "unexpected (in actual, not in expected)", counted(result.unexpected()));
    return out.toString();
  }

  private static Map<String, Integer> counted(List<List<Object>> rows) {
    Map<String, Integer> counted = new LinkedHashMap<>();
    rows.forEach(r -> counted.merge(show(r), 1, Integer::sum));
    return counted;
  }

  /** A row as printed: {@code [a, 1, null, [x, y]]}. */
  static String show(List<Object> row) {
    return row.toString();
  }

  static List<Object> canonicalRow(Row row) {
    List<Object> values = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) {
      values.add(canonical(row.get(i)));
    }
    return values;
  }

  /** Java values with value equality: nested rows and Scala collections become lists and maps. */
  static Object canonical(Object value) {
    if (value instanceof Row row) {
      return canonicalRow(row);
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      scala.jdk.javaapi.CollectionConverters.asJava(map)
          .forEach((k, v) -> out.put(canonical(k), canonical(v)));
      return out;
    }
    if (value instanceof scala.collection.Iterable<?> seq) {
      List<Object> out = new ArrayList<>();
      scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(v -> out.add(canonical(v)));
      return out;
    }
    if (value instanceof java.util.Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(canonical(k), canonical(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(canonical(v)));
      return out;
    }
    if (value instanceof byte[] bytes) {
      return new Bytes(bytes);
    }
    if (value instanceof Double d && d == 0.0) {
      return 0.0d; // -0.0 equals 0.0
    }
    if (value instanceof Float f && f == 0.0f) {
      return 0.0f;
    }
    return value;
  }

  static boolean approximatelyEqual(Object a, Object b, double tolerance) {
    if (a == null || b == null) {
      return a == b;
    }
    if ((a instanceof Double || a instanceof Float)
        && (b instanceof Double || b instanceof Float)) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.isNaN(x) && Double.isNaN(y);
      }
      if (x == y) {
        return true;
      }
      double difference = Math.abs(x - y);
      return difference <= tolerance
          || difference <= tolerance * Math.max(Math.abs(x), Math.abs(y));
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      BigDecimal difference = x.subtract(y).abs();
      BigDecimal allowed = BigDecimal.valueOf(tolerance);
      return difference.compareTo(allowed) <= 0
          || difference.compareTo(allowed.multiply(x.abs().max(y.abs()))) <= 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!approximatelyEqual(x.get(i), y.get(i), tolerance)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        if (!approximatelyEqual(entry.getValue(), y.get(entry.getKey()), tolerance)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Binary values with value equality, printed in hex. */
  record Bytes(byte[] value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "0x" + HexFormat.of().formatHex(value);
    }
  }
}
