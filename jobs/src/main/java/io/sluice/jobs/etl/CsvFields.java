package io.sluice.jobs.etl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields: comma-separated, fields optionally in double quotes with "" for
 * a quote inside. A record is one line: a quoted field cannot span lines.
 */
final class CsvFields {

  private CsvFields() {}

  static List<String> split(String line) throws InvalidValueException {
    List<String> fields = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      int start = i;
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i < n && line.charAt(i) == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new InvalidValueException(
                "unterminated quoted field in column " + (fields.size() + 1));
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              value.append('"');
              i++;
            } else {
              break;
            }
          } else {
            value.append(c);
          }
        }
        while (i < n && line.charAt(i) == ' ') {
          i++;
        }
        if (i < n && line.charAt(i) != ',') {
          throw new InvalidValueException(
              "unexpected text after the closing quote in column " + (fields.size() + 1));
        }
        fields.add(value.toString());
      } else {
        int comma = line.indexOf(',', start);
        i = comma < 0 ? n : comma;
        fields.add(line.substring(start, i));
      }
      if (i >= n) {
        return fields;
      }
      i++; // past the comma
    }
  }
}
