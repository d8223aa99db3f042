package io.sluice.jobs;

import java.io.Serializable;

/**
 * An input record a job set aside, with where it came from and why. Jobs write these as JSON
 * lines under {@code <output>/_rejected/} (a hidden directory, so readers of the output ignore it),
 * and count them as {@code rejected}: nothing is dropped silently.
 *
 * @param source the file (or table) the record came from
 * @param position the line number (1-based) or byte offset in the source; -1 when unknown
 * @param field the field that failed, or null when the whole record did
 * @param reason why, in words a user can act on
 * @param record the raw record as read (truncated to {@link #MAX_RECORD_CHARS})
 */
public record RejectedRecord(String source, long position, String field, String reason, String record)
    implements Serializable {

  /** Directory name for rejected records inside an output. */
  public static final String DIRECTORY = "_rejected";
  public static final int MAX_RECORD_CHARS = 4096;

  public RejectedRecord {
    if (record != null && record.length() > MAX_RECORD_CHARS) {
      record = record.substring(0, MAX_RECORD_CHARS);
    }
  }

  /** One JSON object per line: {"source":...,"position":...,"field":...,"reason":...,"record":...}. */
  public String toJson() {
    StringBuilder json = new StringBuilder(128);
    json.append("{\"source\":");
    quote(json, source);
    json.append(",\"position\":").append(position);
    json.append(",\"field\":");
    quote(json, field);
    json.append(",\"reason\":");
    quote(json, reason);
    json.append(",\"record\":");
    quote(json, record);
    return json.append('}').toString();
  }

  private static void quote(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean validSurrogateAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
