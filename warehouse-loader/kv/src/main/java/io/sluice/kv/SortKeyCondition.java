package io.sluice.kv;

import java.util.List;
import java.util.Objects;

/**
 * A condition on the sort key in a query: {@code = < <= > >=}, {@code between} and {@code
 * begins_with}. Values are typed as on a command line and converted with the key's type.
 */
public record SortKeyCondition(Operator operator, List<String> values) {

  /** The comparisons DynamoDB's KeyConditionExpression allows on a sort key. */
  public enum Operator {
    EQ("="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    BETWEEN("BETWEEN"),
    BEGINS_WITH("begins_with");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public SortKeyCondition {
    Objects.requireNonNull(operator, "operator");
    values = List.copyOf(values);
    int expected = operator == Operator.BETWEEN ? 2 : 1;
    if (values.size() != expected) {
      throw new IllegalArgumentException(
          operator + " takes " + expected + " value(s), got " + values.size());
    }
  }

  public static SortKeyCondition of(Operator operator, String... values) {
    return new SortKeyCondition(operator, List.of(values));
  }
}
