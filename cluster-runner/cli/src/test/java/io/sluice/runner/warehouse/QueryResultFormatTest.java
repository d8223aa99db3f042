package io.sluice.runner.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.warehouse.QueryResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryResultFormatTest {

  private static String json(List<String> columns, List<List<Object>> rows) {
    StringWriter text = new StringWriter();
    QueryResultFormat.JSON.print(new QueryResult(columns, rows, false), new PrintWriter(text));
    return text.toString();
  }

  @Test
  void jsonIsOneRowObjectPerLine() {
    assertEquals("[\n]\n", json(List.of("a"), List.of()));
    assertEquals(
        "[\n  {\"n\": 1, \"d\": 1200, \"x\": \"NaN\", \"ok\": true, \"s\": \"a\\\"b\\\\c\\n\\u0001\"},\n"
            + "  {\"n\": 2, \"d\": 0.5, \"x\": 1.5, \"ok\": false, \"s\": null}\n]\n",
        json(
            List.of("n", "d", "x", "ok", "s"),
            List.of(
                List.of(1, new BigDecimal("1.2E+3"), Double.NaN, true, "a\"b\\c\n\u0001"),
                Arrays.asList(2L, new BigDecimal("0.5"), 1.5, false, null))));
  }
}
