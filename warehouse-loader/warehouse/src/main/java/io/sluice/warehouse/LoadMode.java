package io.sluice.warehouse;

import java.util.Locale;

/** How a load combines its rows with the target table. */
public enum LoadMode {
  /** Create the table; fails if it exists (unless this same input created it: then a no-op). */
  CREATE,
  /** Add the rows; creates the table if missing. An input already appended is skipped (load id). */
  APPEND,
  /** Replace the table's content with the input, atomically. */
  REPLACE,
  /** Insert or replace rows by key column(s); creates the table if missing. */
  UPSERT;

  public static LoadMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidLoadRequestException(
          "unknown load mode '" + text + "'; use create, append, replace or upsert");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
