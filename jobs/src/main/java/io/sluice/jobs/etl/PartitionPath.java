package io.sluice.jobs.etl;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Hive-style partition directory names, {@code column=value}, spelled exactly as Spark spells them,
 * so Spark reads the MapReduce path's output back with the same partition values: null is {@link
 * #DEFAULT_PARTITION}, and characters that are unsafe in paths are written as %XX.
 */
final class PartitionPath {

  static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  /** The ASCII characters Spark escapes in partition values (besides control characters). */
  private static final String ESCAPED = "\"#%'*/:=?\\\u007F{[]^";

  private PartitionPath() {}

  static String directory(String column, FieldType type, Object value) {
    return column + "=" + escape(text(type, value));
  }

  /** A value as Spark casts it to a string for the path; dates are days since the epoch here. */
  private static String text(FieldType type, Object value) {
    if (value == null) {
      return null;
    }
    return type == FieldType.DATE
        ? LocalDate.ofEpochDay((Integer) value).toString()
        : value.toString();
  }

  static String escape(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_PARTITION;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= 0x01 && c <= 0x1F) || ESCAPED.indexOf(c) >= 0) {
        out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
