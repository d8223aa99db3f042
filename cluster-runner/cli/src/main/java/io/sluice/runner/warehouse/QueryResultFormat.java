package io.sluice.runner.warehouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.sluice.jobs.BadInputException;
import io.sluice.warehouse.QueryResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How {@code sluice sql} prints rows: an aligned text table, CSV (RFC 4180) or JSON (an array of
 * objects).
 */
public enum QueryResultFormat {
  TABLE,
  CSV,
  JSON;

  /** The caller owns the stream: the generator flushes but does not close it. */
  private static final JsonFactory GENERATORS =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  public static QueryResultFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("unknown --format '" + text + "'; use table, csv or json");
    }
  }

  public void print(QueryResult result, PrintWriter out) {
    switch (this) {
      case TABLE -> table(result, out);
      case CSV -> csv(result, out);
      case JSON -> json(result, out);
    }
    out.flush();
  }

  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Array a) {
      try {
        Object elements = a.getArray();
        return elements instanceof Object[] arr
            ? Arrays.deepToString(arr)
            : String.valueOf(elements);
      } catch (SQLException e) {
        return value.toString();
      }
    }
    return value.toString();
  }

  private static void table(QueryResult r, PrintWriter out) {
    int n = r.columns().size();
    int[] width = new int[n];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      width[i] = r.columns().get(i).length();
    }
    for (List<Object> row : r.rows()) {
      String[] line = new String[n];
      for (int i = 0; i < n; i++) {
        String t = text(row.get(i));
        line[i] = t == null ? "NULL" : t.replace("\n", "\\n").replace("\t", "\\t");
        width[i] = Math.max(width[i], line[i].length());
      }
      cells.add(line);
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    out.println(
        rowText(
            r.columns().toArray(new String[0]),
            width,
            r.rows().isEmpty() ? null : r.rows().get(0),
            false));
    out.println(rule);
    for (int j = 0; j < cells.size(); j++) {
      out.println(rowText(cells.get(j), width, r.rows().get(j), true));
    }
    out.println(rule);
    out.println(
        r.rows().size()
            + (r.rows().size() == 1 ? " row" : " rows")
            + (r.truncated() ? " (truncated)" : ""));
  }

  private static String rowText(
      String[] cells, int[] width, List<Object> types, boolean alignNumbers) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      boolean right = alignNumbers && types != null && types.get(i) instanceof Number;
      String pad = " ".repeat(width[i] - cells[i].length());
      b.append(' ').append(right ? pad + cells[i] : cells[i] + pad).append(" |");
    }
    return b.toString();
  }

  private static void csv(QueryResult r, PrintWriter out) {
    out.println(String.join(",", r.columns().stream().map(QueryResultFormat::csvField).toList()));
    for (List<Object> row : r.rows()) {
      List<String> fields = new ArrayList<>();
      for (Object v : row) {
        String t = text(v);
        fields.add(t == null ? "" : csvField(t));
      }
      out.println(String.join(",", fields));
    }
  }

  private static String csvField(String v) {
    if (v.isEmpty() || v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /**
   * As before Jackson: one row object per line, {@code "column": value} pairs separated by ", ".
   */
  private static final class RowPerLine extends MinimalPrettyPrinter {
    RowPerLine() {
      super("");
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      g.writeRaw("\n  ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n  ");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      g.writeRaw("\n]");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  }

  private static void json(QueryResult r, PrintWriter out) {
    try (JsonGenerator json = GENERATORS.createGenerator(out)) {
      json.setPrettyPrinter(new RowPerLine());
      json.writeStartArray();
      for (List<Object> row : r.rows()) {
        json.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
          json.writeFieldName(r.columns().get(i));
          Object v = row.get(i);
          if (v == null) {
            json.writeNull();
          } else if (v instanceof Boolean b) {
            json.writeBoolean(b);
          } else if (v instanceof Number num && isFinite(num)) {
            // The driver's own text of the number, so every numeric type prints as the table does.
            json.writeNumber(
                v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString());
          } else {
            json.writeString(text(v));
          }
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  private static boolean isFinite(Number n) {
    return !(n instanceof Double d && !Double.isFinite(d))
        && !(n instanceof Float f && !Float.isFinite(f));
  }
}
