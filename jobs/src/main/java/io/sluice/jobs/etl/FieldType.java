package io.sluice.jobs.etl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The types a schema field can declare, and how raw text or JSON becomes a value of the type.
 * Values are Java objects both engines share: String, Integer, Long, Double, Boolean, and for dates
 * the day number since 1970-01-01 (Integer), for timestamps microseconds since the epoch in UTC
 * (Long): what Parquet stores, with no time zone left to interpret.
 */
public enum FieldType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  BOOLEAN,
  DATE,
  TIMESTAMP;

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  static FieldType parse(String name) {
    for (FieldType t : values()) {
      if (t.id().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** The name used in schema files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Trims the text; empty text is null (a missing value), anything else must parse as the type. */
  Object fromText(String raw) throws InvalidValueException {
    String s = raw == null ? "" : raw.trim();
    if (s.isEmpty()) {
      return null;
    }
    switch (this) {
      case STRING:
        return s;
      case INT:
        if (INTEGER.matcher(s).matches()) {
          try {
            return Integer.parseInt(s);
          } catch (NumberFormatException e) {
            throw new InvalidValueException("out of range for int: '" + s + "'");
          }
        }
        throw new InvalidValueException("not an int: '" + s + "'");
      case LONG:
        if (INTEGER.matcher(s).matches()) {
          try {
            return Long.parseLong(s);
          } catch (NumberFormatException e) {
            throw new InvalidValueException("out of range for long: '" + s + "'");
          }
        }
        throw new InvalidValueException("not a long: '" + s + "'");
      case DOUBLE:
        if (DECIMAL.matcher(s).matches()) {
          double d = Double.parseDouble(s);
          if (Double.isInfinite(d)) {
            throw new InvalidValueException("out of range for double: '" + s + "'");
          }
          return d;
        }
        throw new InvalidValueException("not a number: '" + s + "'");
      case BOOLEAN:
        switch (s.toLowerCase(Locale.ROOT)) {
          case "true", "yes", "1":
            return Boolean.TRUE;
          case "false", "no", "0":
            return Boolean.FALSE;
          default:
            throw new InvalidValueException("not a boolean (true/false, yes/no, 1/0): '" + s + "'");
        }
      case DATE:
        if (ISO_DATE.matcher(s).matches()) {
          try {
            return Math.toIntExact(LocalDate.parse(s).toEpochDay());
          } catch (DateTimeParseException e) {
            // falls through to the message below
          }
        }
        throw new InvalidValueException("not a date (yyyy-MM-dd): '" + s + "'");
      case TIMESTAMP:
        return timestampMicros(s);
      default:
        throw new IllegalStateException(name());
    }
  }

  /** ISO-8601 date-time with 'T' or a space; with an offset or 'Z', or without one meaning UTC. */
  private static Long timestampMicros(String s) throws InvalidValueException {
    String iso =
        s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    if (iso.length() >= 16 && ISO_DATE.matcher(iso.substring(0, 10)).matches()) {
      try {
        OffsetDateTime t;
        try {
          t = OffsetDateTime.parse(iso);
        } catch (DateTimeParseException noOffset) {
          t = LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
        }
        return Math.addExact(
            Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
      } catch (DateTimeParseException | ArithmeticException e) {
        // falls through to the message below
      }
    }
    throw new InvalidValueException(
        "not a timestamp (ISO-8601, e.g. 2024-03-01T10:15:30Z): '" + s + "'");
  }

  /**
   * A JSON value: null and missing are null; numbers and booleans must suit the type; text is read
   * as by {@link #fromText}.
   */
  Object fromJson(JsonNode node) throws InvalidValueException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isContainerNode()) {
      throw new InvalidValueException(
          "expected " + id() + ", found a JSON " + (node.isObject() ? "object" : "array"));
    }
    if (node.isTextual()) {
      return fromText(node.textValue());
    }
    switch (this) {
      case STRING:
        return node.asText();
      case INT:
        if (node.isIntegralNumber() && node.canConvertToInt()) {
          return node.intValue();
        }
        break;
      case LONG:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.longValue();
        }
        break;
      case DOUBLE:
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
          return node.doubleValue();
        }
        break;
      case BOOLEAN:
        if (node.isBoolean()) {
          return node.booleanValue();
        }
        break;
      default:
        break;
    }
    throw new InvalidValueException("not " + (this == INT ? "an " : "a ") + id() + ": " + node);
  }
}
