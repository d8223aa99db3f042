package io.sluice.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A datasource summarised: its row count, per-column statistics and the label balance.
 *
 * @param labelBalance label value to row count, most frequent first (null label as "(missing)")
 */
public record DatasourceDescription(
    String input, long rows, List<ColumnStats> columns, Map<String, Long> labelBalance) {

  /**
   * One column. Missing counts empty values, and for numeric features values that are not numbers.
   * min, max and mean are null for non-numeric columns.
   */
  public record ColumnStats(
      String name, String role, long missing, long distinct, Double min, Double max, Double mean) {}

  public DatasourceDescription {
    columns = List.copyOf(columns);
    labelBalance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labelBalance));
  }

  public ColumnStats column(String name) {
    return columns.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no column " + name));
  }

  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append(input).append(": ").append(rows).append(" rows").append(System.lineSeparator());
    int nameWidth = 6;
    for (ColumnStats c : columns) {
      nameWidth = Math.max(nameWidth, c.name().length());
    }
    String header = "%-" + nameWidth + "s  %-11s  %9s  %8s  %9s  %12s  %12s  %12s%n";
    out.append(
        String.format(
            Locale.ROOT,
            header,
            "column",
            "role",
            "missing",
            "missing%",
            "distinct",
            "min",
            "max",
            "mean"));
    for (ColumnStats c : columns) {
      out.append(
          String.format(
              Locale.ROOT,
              header,
              c.name(),
              c.role(),
              c.missing(),
              String.format(Locale.ROOT, "%.1f%%", rows == 0 ? 0.0 : 100.0 * c.missing() / rows),
              c.distinct(),
              number(c.min()),
              number(c.max()),
              number(c.mean())));
    }
    out.append("label balance:").append(System.lineSeparator());
    labelBalance.forEach(
        (label, n) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "  %-16s %9d  %5.1f%%%n",
                    label,
                    n,
                    rows == 0 ? 0.0 : 100.0 * n / rows)));
    return out.toString();
  }

  private static String number(Double d) {
    if (d == null) {
      return "-";
    }
    return Math.abs(d) >= 1e6 || (d != 0 && Math.abs(d) < 1e-3)
        ? String.format(Locale.ROOT, "%.4g", d)
        : String.format(Locale.ROOT, "%.3f", d);
  }
}
