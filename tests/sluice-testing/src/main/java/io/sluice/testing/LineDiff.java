package io.sluice.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Readable differences between two lists of lines, for assertion messages. */
final class LineDiff {

  /** At most this many diff lines are printed. */
  static final int MAX_PRINTED = 60;

  private static final int CONTEXT = 2;
  private static final long MAX_CELLS = 4_000_000;

  private LineDiff() {}

  /**
   * A unified-style diff ({@code " "} same, {@code "- "} expected only, {@code "+ "} actual only)
   * with two lines of context around changes, numbered by expected line; null when equal.
   */
  static String ordered(List<String> expected, List<String> actual) {
    if (expected.equals(actual)) {
      return null;
    }
    List<String> ops =
        (long) expected.size() * actual.size() <= MAX_CELLS
            ? lcsOps(expected, actual)
            : naiveOps(expected, actual);
    boolean[] show = new boolean[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).charAt(0) != ' ') {
        for (int j = Math.max(0, i - CONTEXT); j <= Math.min(ops.size() - 1, i + CONTEXT); j++) {
          show[j] = true;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("expected ")
        .append(expected.size())
        .append(" lines, actual ")
        .append(actual.size())
        .append('\n');
    int printed = 0;
    int expectedLine = 0;
    boolean gap = false;
    for (int i = 0; i < ops.size(); i++) {
      String op = ops.get(i);
      if (op.charAt(0) != '+') {
        expectedLine++;
      }
      if (!show[i]) {
        gap = true;
        continue;
      }
      if (printed == MAX_PRINTED) {
        out.append("  ... (more differences not shown)\n");
        break;
      }
      if (gap || printed == 0) {
        out.append("@@ line ").append(Math.max(1, expectedLine)).append(" @@\n");
        gap = false;
      }
      out.append(op).append('\n');
      printed++;
    }
    return out.toString();
  }

  private static List<String> lcsOps(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> ops = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        ops.add("  " + show(a.get(i++)));
        j++;
      } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
        ops.add("+ " + show(b.get(j++)));
      } else {
        ops.add("- " + show(a.get(i++)));
      }
    }
    return ops;
  }

  /** Position by position, for inputs too large for the LCS table. */
  private static List<String> naiveOps(List<String> a, List<String> b) {
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : null;
      String y = i < b.size() ? b.get(i) : null;
      if (x != null && x.equals(y)) {
        ops.add("  " + show(x));
        continue;
      }
      if (x != null) {
        ops.add("- " + show(x));
      }
      if (y != null) {
        ops.add("+ " + show(y));
      }
    }
    return ops;
  }

  /**
   * The lines missing from {@code actual} and those it has in excess, duplicates counted; null when
   * both hold the same lines in any order.
   */
  static String unordered(List<String> expected, List<String> actual) {
    Map<String, Integer> balance = new HashMap<>();
    expected.forEach(l -> balance.merge(l, 1, Integer::sum));
    actual.forEach(l -> balance.merge(l, -1, Integer::sum));
    Map<String, Integer> missing = new LinkedHashMap<>();
    Map<String, Integer> unexpected = new LinkedHashMap<>();
    for (String l : expected) {
      int b = balance.getOrDefault(l, 0);
      if (b > 0) {
        missing.putIfAbsent(show(l), b);
      }
    }
    for (String l : actual) {
      int b = balance.getOrDefault(l, 0);
      if (b < 0) {
        unexpected.putIfAbsent(show(l), -b);
      }
    }
    if (missing.isEmpty() && unexpected.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    out.append("expected ")
        .append(expected.size())
        .append(" lines, actual ")
        .append(actual.size())
        .append(" (order ignored, duplicates counted)\n");
    section(out, "missing (expected, not found)", missing);
    section(out, "unexpected (found, not expected)", unexpected);
    return out.toString();
  }

  static void section(StringBuilder out, String title, Map<String, Integer> counted) {
    if (counted.isEmpty()) {
      return;
    }
    int total = counted.values().stream().mapToInt(Integer::intValue).sum();
    out.append(title).append(": ").append(total).append('\n');
    int printed = 0;
    for (Map.Entry<String, Integer> e : counted.entrySet()) {
      if (printed == RowDiff.MAX_PRINTED) {
        out.append("  ... and ").append(counted.size() - printed).append(" more distinct\n");
        break;
      }
      out.append("  ")
          .append(e.getKey())
          .append(e.getValue() > 1 ? "  (x" + e.getValue() + ")" : "")
          .append('\n');
      printed++;
    }
  }

  /** A line as printed: tabs and other controls visible, so "a\tb" and "a b" differ on screen. */
  static String show(String line) {
    StringBuilder out = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
