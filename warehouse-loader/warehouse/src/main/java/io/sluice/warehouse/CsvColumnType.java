package io.sluice.warehouse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The types a CSV column can have in PostgreSQL, each with the check a value must pass before it is
 * sent: a value that would make COPY fail is rejected (quarantined) instead, row by row. An empty
 * field is NULL.
 */
enum CsvColumnType {
  BIGINT("bigint"),
  DOUBLE("double precision"),
  NUMERIC("numeric"),
  BOOLEAN("boolean"),
  DATE("date"),
  TIMESTAMP("timestamp"),
  TEXT("text"),
  /**
   * A type of an existing table that is not checked here: COPY itself decides (and fails the load).
   */
  OTHER("");

  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .toFormatter(Locale.ROOT);
  private static final int INFER_SAMPLE = 1000;

  private final String sql;

  CsvColumnType(String sql) {
    this.sql = sql;
  }

  String sql() {
    return sql;
  }

  /** Null if {@code value} is valid for this type, else why not. */
  String check(String value) {
    try {
      switch (this) {
        case BIGINT -> Long.parseLong(value.trim());
        case DOUBLE -> Double.parseDouble(value.trim());
        case NUMERIC -> new BigDecimal(value.trim());
        case BOOLEAN -> {
          String v = value.trim().toLowerCase(Locale.ROOT);
          if (!(v.equals("true") || v.equals("false") || v.equals("t") || v.equals("f"))) {
            return "'" + value + "' is not a boolean (true/false)";
          }
        }
        case DATE -> LocalDate.parse(value.trim());
        case TIMESTAMP -> LocalDateTime.parse(value.trim(), TIMESTAMP_FORMAT);
        default -> {}
      }
      return null;
    } catch (NumberFormatException | DateTimeParseException e) {
      return "'" + abbreviate(value) + "' is not a " + name().toLowerCase(Locale.ROOT);
    }
  }

  private static String abbreviate(String v) {
    return v.length() <= 40 ? v : v.substring(0, 40) + "...";
  }

  /** The type of an existing table's column (information_schema data_type), for checking values. */
  static CsvColumnType ofSqlType(String dataType) {
    String t = dataType.toLowerCase(Locale.ROOT);
    if (t.equals("bigint") || t.equals("integer") || t.equals("smallint")) {
      return BIGINT;
    }
    if (t.equals("double precision") || t.equals("real")) {
      return DOUBLE;
    }
    if (t.startsWith("numeric") || t.startsWith("decimal")) {
      return NUMERIC;
    }
    if (t.equals("boolean")) {
      return BOOLEAN;
    }
    if (t.equals("date")) {
      return DATE;
    }
    if (t.startsWith("timestamp")) {
      return t.contains("with time zone") ? OTHER : TIMESTAMP;
    }
    if (t.equals("text") || t.startsWith("character")) {
      return TEXT;
    }
    return OTHER;
  }

  /**
   * Infers a column's type from sample values: the narrowest of bigint, double, boolean, date,
   * timestamp that every non-empty sample value fits, else text.
   */
  static CsvColumnType infer(List<String> samples) {
    CsvColumnType[] candidates = {BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP};
    int seen = 0;
    for (CsvColumnType type : candidates) {
      boolean fits = true;
      seen = 0;
      for (String v : samples) {
        if (v.isEmpty()) {
          continue;
        }
        seen++;
        if (type.check(v) != null) {
          fits = false;
          break;
        }
      }
      if (fits && seen > 0) {
        return type;
      }
    }
    return TEXT;
  }

  static int inferSample() {
    return INFER_SAMPLE;
  }
}
