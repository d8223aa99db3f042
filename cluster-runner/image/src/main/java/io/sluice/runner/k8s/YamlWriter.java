package io.sluice.runner.k8s;

import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers and booleans as block YAML. Every string is double-quoted with
 * JSON escapes (valid YAML 1.2), so no value is ever re-typed ("1" stays a string, "no" is not false).
 */
final class YamlWriter {

  private YamlWriter() {}

  static String write(Map<String, ?> document) {
    StringBuilder out = new StringBuilder();
    map(out, document, 0);
    return out.toString();
  }

  private static void map(StringBuilder out, Map<String, ?> map, int indent) {
    for (Map.Entry<String, ?> e : map.entrySet()) {
      out.append(" ".repeat(indent)).append(key(e.getKey())).append(':');
      value(out, e.getValue(), indent);
    }
  }

  private static void value(StringBuilder out, Object value, int indent) {
    if (value instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) m;
        map(out, typed, indent + 2);
      }
    } else if (value instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append(" []\n");
      } else {
        out.append('\n');
        list(out, l, indent);
      }
    } else {
      out.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static void list(StringBuilder out, List<?> list, int indent) {
    for (Object item : list) {
      out.append(" ".repeat(indent)).append("- ");
      if (item instanceof Map<?, ?> m && !m.isEmpty()) {
        // The first key sits on the dash line; the rest align under it.
        StringBuilder inner = new StringBuilder();
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) m;
        map(inner, typed, indent + 2);
        out.append(inner.substring(indent + 2));
      } else if (item instanceof List<?> || item instanceof Map<?, ?>) {
        throw new IllegalArgumentException("nested empty collections are not written: " + item);
      } else {
        out.append(scalar(item)).append('\n');
      }
    }
  }

  private static String key(String key) {
    return key.matches("[A-Za-z0-9_.\\-/]+") ? key : quote(key);
  }

  private static String scalar(Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return quote(String.valueOf(value));
  }

  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> {
          if (c < 0x20) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
