package io.sluice.jobs.join;

/**
 * One input line split into its join key and its other fields. The other fields are kept as one
 * string, each field preceded by the delimiter ({@code "1,a,b"} keyed on column 1 gives key {@code
 * "1"} and fields {@code ",a,b"}), so an output line is plain concatenation: {@code key +
 * leftFields + rightFields}. Fields are split on every delimiter; there is no quoting.
 *
 * @param key the key column's text
 * @param fields the other columns, each preceded by the delimiter; empty when the key is the only
 *     column
 */
public record DelimitedRow(String key, String fields) {

  /**
   * Splits a line, or returns null when it has no column {@code keyColumn} (1-based). An empty line
   * has no columns.
   */
  public static DelimitedRow parse(String line, char delimiter, int keyColumn) {
    if (line.isEmpty()) {
      return null;
    }
    int start = 0;
    for (int column = 1; column < keyColumn; column++) {
      int next = line.indexOf(delimiter, start);
      if (next < 0) {
        return null;
      }
      start = next + 1;
    }
    int end = line.indexOf(delimiter, start);
    if (end < 0) {
      end = line.length();
    }
    String key = line.substring(start, end);
    String before = start == 0 ? "" : delimiter + line.substring(0, start - 1);
    return new DelimitedRow(key, before + line.substring(end));
  }

  /** The number of columns of a line: delimiters + 1, or 0 for an empty line. */
  public static int columns(String line, char delimiter) {
    if (line.isEmpty()) {
      return 0;
    }
    int columns = 1;
    for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) {
      columns++;
    }
    return columns;
  }

  /** Why a line {@link #parse} refused cannot be joined, for its rejected record. */
  public static String tooFewColumns(String line, char delimiter, JoinSide side, int keyColumn) {
    int columns = columns(line, delimiter);
    return (columns == 0 ? "empty line" : side.id() + " row has " + columns + " column(s)")
        + "; --"
        + side.id()
        + "-key "
        + keyColumn
        + " needs at least "
        + keyColumn;
  }
}
