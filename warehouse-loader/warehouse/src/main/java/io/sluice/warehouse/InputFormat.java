package io.sluice.warehouse;

import java.util.Locale;

/** What a load reads: Parquet files, or CSV files with a header row. */
public enum InputFormat {
  PARQUET,
  CSV;

  /** The format a file name says, or null if it says none. */
  static InputFormat ofFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet") || lower.endsWith(".parq")) {
      return PARQUET;
    }
    if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
      return CSV;
    }
    return null;
  }

  public static InputFormat parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidLoadRequestException(
          "unknown input format '" + text + "'; use parquet or csv");
    }
  }
}
