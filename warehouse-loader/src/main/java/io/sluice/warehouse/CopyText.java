package io.sluice.warehouse;

/**
 * PostgreSQL's COPY text format: tab-separated columns, one row per line, {@code \N} for NULL,
 * and backslash escapes for backslash, tab, newline and carriage return inside values.
 */
final class CopyText {

  static final String NULL = "\\N";

  private CopyText() {}

  /** Appends {@code value} escaped for COPY text. */
  static void appendEscaped(CharSequence value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }
}
