package io.sluice.warehouse;

/**
 * PostgreSQL's COPY text format: tab-separated columns, one row per line, {@code \N} for NULL, and
 * backslash escapes for backslash, tab, newline and carriage return inside values ({@link
 * CopyBuffer} writes them).
 */
final class CopyText {

  static final String NULL = "\\N";

  private CopyText() {}
}
