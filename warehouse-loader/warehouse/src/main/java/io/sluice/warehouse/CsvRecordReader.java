package io.sluice.warehouse;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: comma-separated, fields optionally double-quoted, {@code ""} for a quote
 * inside quotes, quoted fields may span lines; LF or CRLF line ends. Each record keeps the line it
 * started on and its raw text, for the quarantine file.
 */
final class CsvRecordReader {

  /** One record: the 1-based line it starts on, its fields, and what was wrong with it (or null). */
  record CsvRecord(long line, List<String> fields, String raw, String error) {}

  private final Reader in;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private long line = 1;
  private boolean eof;

  CsvRecordReader(Reader in) {
    this.in = in;
  }

  private int next() throws IOException {
    if (pos == len) {
      if (eof) {
        return -1;
      }
      len = in.read(buf, 0, buf.length);
      pos = 0;
      if (len <= 0) {
        eof = true;
        len = 0;
        return -1;
      }
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    int c = next();
    if (c >= 0) {
      pos--;
    }
    return c;
  }

  /** The next record, or null at the end of the input. */
  CsvRecord read() throws IOException {
    int c = next();
    if (c < 0) {
      return null;
    }
    long start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder raw = new StringBuilder();
    StringBuilder field = new StringBuilder();
    String error = null;
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (c < 0) {
        if (quoted) {
          error = "unterminated quoted field";
        }
        fields.add(field.toString());
        break;
      }
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          if (peek() == '"') {
            next();
            raw.append("\"\"");
            field.append('"');
          } else {
            quoted = false;
            raw.append('"');
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          raw.append(ch);
          field.append(ch);
        }
      } else if (ch == ',') {
        raw.append(ch);
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && peek() == '\n') {
          next();
        }
        line++;
        fields.add(field.toString());
        break;
      } else if (ch == '"' && field.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        raw.append(ch);
      } else {
        if (ch == '"' && error == null) {
          error = "stray quote in unquoted field " + (fields.size() + 1);
        }
        raw.append(ch);
        field.append(ch);
      }
      c = next();
    }
    return new CsvRecord(start, fields, raw.toString(), error);
  }
}
