package io.sluice.testing;

import io.sluice.jobs.RejectedRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one quarantined record, a flat JSON object as {@link RejectedRecord#toJson()} writes it:
 * string, number and null values.
 */
final class RejectedJson {

  private final String text;
  private int at;

  private RejectedJson(String text) {
    this.text = text;
  }

  static RejectedRecord parse(String line) {
    Map<String, Object> fields = new RejectedJson(line).object();
    Object position = fields.get("position");
    return new RejectedRecord((String) fields.get("source"),
        position == null ? -1 : Long.parseLong(position.toString()),
        (String) fields.get("field"), (String) fields.get("reason"), (String) fields.get("record"));
  }

  private Map<String, Object> object() {
    Map<String, Object> fields = new LinkedHashMap<>();
    skipSpace();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      at++;
      return fields;
    }
    while (true) {
      skipSpace();
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      fields.put(name, value());
      skipSpace();
      char c = next();
      if (c == '}') {
        skipSpace();
        if (at != text.length()) {
          throw error("text after the object");
        }
        return fields;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (text.startsWith("null", at)) {
      at += 4;
      return null;
    }
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw error("expected a string, a number or null");
    }
    return text.substring(start, at);
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("short \\u escape");
          }
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw error("unknown escape \\" + e);
      }
    }
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char wanted) {
    if (next() != wanted) {
      at--;
      throw error("expected '" + wanted + "'");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not a rejected-record JSON line (" + what + " at character " + at + "): " + text);
  }
}
