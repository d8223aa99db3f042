package io.sluice.runner.pipeline;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code sql-check} value must be: {@code OP VALUE} with OP one of {@code = != > >= < <=};
 * numbers compare as numbers, anything else as text ({@code = 'paid'} or {@code = paid}).
 */
public record Expectation(String operator, String value) {

  private static final Pattern FORM = Pattern.compile("\\s*(>=|<=|!=|=|>|<)\\s*(.+?)\\s*");

  public static Expectation parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not OP VALUE with OP one of = != > >= < <= (e.g. '> 0')");
    }
    String v = m.group(2);
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      v = v.substring(1, v.length() - 1);
    }
    return new Expectation(m.group(1), v);
  }

  /** Whether {@code actual} (a query value, possibly null) meets this expectation. */
  public boolean test(Object actual) {
    if (actual == null) {
      return false;
    }
    int cmp;
    BigDecimal want = number(value);
    BigDecimal got = number(actual.toString());
    if (want != null && got != null) {
      cmp = got.compareTo(want);
    } else {
      if (!operator.equals("=") && !operator.equals("!=")) {
        return false;
      }
      cmp = actual.toString().equals(value) ? 0 : 1;
    }
    return switch (operator) {
      case "=" -> cmp == 0;
      case "!=" -> cmp != 0;
      case ">" -> cmp > 0;
      case ">=" -> cmp >= 0;
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      default -> throw new IllegalStateException(operator);
    };
  }

  private static BigDecimal number(String s) {
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s", operator, value);
  }
}
