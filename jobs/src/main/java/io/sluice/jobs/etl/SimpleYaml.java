package io.sluice.jobs.etl;

import io.sluice.jobs.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small part of YAML a schema file needs, so the job carries no YAML library: block mappings
 * and sequences by indentation, "- key: value" items, flow [a, b] and {k: v} collections,
 * quoted and plain scalars, '#' comments. Scalars stay strings; the schema reader interprets them.
 * Anchors, multi-line strings and multiple documents are not supported and fail with the line.
 */
final class SimpleYaml {

  private record Line(int number, int indent, String text) {}

  private final String source;
  private final List<Line> lines = new ArrayList<>();
  private int pos;

  private SimpleYaml(String source, String text) {
    this.source = source;
    String[] raw = text.split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = stripComment(raw[i]).stripTrailing();
      if (line.isBlank() || line.equals("---")) {
        continue;
      }
      int indent = 0;
      while (line.charAt(indent) == ' ') {
        indent++;
      }
      if (line.charAt(indent) == '\t') {
        throw error(i + 1, "indent with spaces, not tabs");
      }
      lines.add(new Line(i + 1, indent, line.substring(indent)));
    }
  }

  /** The document as nested Map (insertion-ordered), List and String values. */
  static Object parse(String text, String source) {
    SimpleYaml yaml = new SimpleYaml(source, text);
    if (yaml.lines.isEmpty()) {
      return new LinkedHashMap<String, Object>();
    }
    Object document = yaml.block();
    if (yaml.pos < yaml.lines.size()) {
      throw yaml.error(yaml.lines.get(yaml.pos).number, "unexpected indentation");
    }
    return document;
  }

  private Object block() {
    Line first = lines.get(pos);
    return isItem(first.text) ? sequence(first.indent) : mapping(first.indent);
  }

  private List<Object> sequence(int indent) {
    List<Object> items = new ArrayList<>();
    while (pos < lines.size() && lines.get(pos).indent == indent && isItem(lines.get(pos).text)) {
      Line line = lines.get(pos);
      String rest = line.text.substring(1).stripLeading();
      if (rest.isEmpty()) {
        pos++;
        items.add(pos < lines.size() && lines.get(pos).indent > indent ? block() : null);
      } else if (keyColon(rest) > 0) {
        // "- key: value" opens a mapping whose entries line up with "key".
        int column = indent + line.text.length() - rest.length();
        lines.set(pos, new Line(line.number, column, rest));
        items.add(mapping(column));
      } else {
        pos++;
        items.add(scalar(rest, line.number));
      }
    }
    return items;
  }

  private Map<String, Object> mapping(int indent) {
    Map<String, Object> map = new LinkedHashMap<>();
    while (pos < lines.size() && lines.get(pos).indent == indent && !isItem(lines.get(pos).text)) {
      Line line = lines.get(pos);
      int colon = keyColon(line.text);
      if (colon <= 0) {
        throw error(line.number, "expected 'key: value', got '" + line.text + "'");
      }
      String key = unquote(line.text.substring(0, colon).trim());
      String rest = line.text.substring(colon + 1).trim();
      pos++;
      Object value = null;
      if (!rest.isEmpty()) {
        value = scalar(rest, line.number);
      } else if (pos < lines.size() && (lines.get(pos).indent > indent
          || lines.get(pos).indent == indent && isItem(lines.get(pos).text))) {
        value = block();
      }
      if (map.containsKey(key)) {
        throw error(line.number, "duplicate key '" + key + "'");
      }
      map.put(key, value);
    }
    return map;
  }

  private Object scalar(String text, int number) {
    if (text.startsWith("[") || text.startsWith("{")) {
      Flow flow = new Flow(text, number);
      Object value = flow.value();
      flow.skipSpaces();
      if (flow.i < text.length()) {
        throw error(number, "unexpected text after the closing bracket: '" + text.substring(flow.i) + "'");
      }
      return value;
    }
    if (text.startsWith("\"") || text.startsWith("'")) {
      return unquote(text);
    }
    return text.equals("~") || text.equals("null") ? null : text;
  }

  /** Parses [a, b] and {k: v} collections, which may nest. */
  private final class Flow {
    private final String text;
    private final int number;
    private int i;

    Flow(String text, int number) {
      this.text = text;
      this.number = number;
    }

    void skipSpaces() {
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
    }

    Object value() {
      skipSpaces();
      if (i >= text.length()) {
        throw error(number, "unterminated '[' or '{'");
      }
      char c = text.charAt(i);
      if (c == '[') {
        i++;
        List<Object> list = new ArrayList<>();
        if (!closes(']')) {
          do {
            list.add(value());
          } while (next(']'));
        }
        return list;
      }
      if (c == '{') {
        i++;
        Map<String, Object> map = new LinkedHashMap<>();
        if (!closes('}')) {
          do {
            String key = String.valueOf(value());
            skipSpaces();
            if (i >= text.length() || text.charAt(i) != ':') {
              throw error(number, "expected ':' after '" + key + "' in '" + text + "'");
            }
            i++;
            map.put(key, value());
          } while (next('}'));
        }
        return map;
      }
      int start = i;
      if (c == '"' || c == '\'') {
        i = text.indexOf(c, i + 1);
        if (i < 0) {
          throw error(number, "unterminated quoted string in '" + text + "'");
        }
        i++;
        return unquote(text.substring(start, i));
      }
      while (i < text.length() && ",]}:".indexOf(text.charAt(i)) < 0) {
        i++;
      }
      String plain = text.substring(start, i).trim();
      return plain.equals("~") || plain.equals("null") ? null : plain;
    }

    private boolean closes(char close) {
      skipSpaces();
      if (i < text.length() && text.charAt(i) == close) {
        i++;
        return true;
      }
      return false;
    }

    /** After an element: true at ',' (more follow), false at the closing bracket. */
    private boolean next(char close) {
      skipSpaces();
      if (i < text.length() && text.charAt(i) == ',') {
        i++;
        return true;
      }
      if (i < text.length() && text.charAt(i) == close) {
        i++;
        return false;
      }
      throw error(number, "expected ',' or '" + close + "' in '" + text + "'");
    }
  }

  private static boolean isItem(String text) {
    return text.equals("-") || text.startsWith("- ");
  }

  /** Index of the ':' ending a mapping key (followed by a space or the end), outside quotes; -1 if none. */
  private static int keyColon(String text) {
    if (text.startsWith("[") || text.startsWith("{")) {
      return -1;
    }
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '"' && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    if (s.length() >= 2 && s.charAt(0) == '\'' && s.endsWith("'")) {
      return s.substring(1, s.length() - 1).replace("''", "'");
    }
    return s;
  }

  private BadInputException error(int line, String problem) {
    return new BadInputException("schema " + source + " line " + line + ": " + problem);
  }
}
