package io.sluice.serve;

import java.util.Locale;

/**
 * The shape checks of a {@code sql} route's query, made when the API file is read: one statement, a
 * SELECT (or WITH ... SELECT), its {@code ?} placeholders counted outside quotes. The database
 * connection is opened read-only as well, so these checks are for early, clear errors, not the only
 * guard.
 */
final class ReadOnlyQuery {

  private ReadOnlyQuery() {}

  static void check(String query) {
    String code = withoutLiterals(query).strip();
    if (code.endsWith(";")) {
      code = code.substring(0, code.length() - 1).strip();
    }
    if (code.contains(";")) {
      throw new IllegalArgumentException("must be one statement (found ';' inside)");
    }
    String first = code.split("\\s+|\\(", 2)[0].toUpperCase(Locale.ROOT);
    if (!first.equals("SELECT") && !first.equals("WITH") && !first.equals("FROM")) {
      throw new IllegalArgumentException(
          "must be a read-only SELECT (or WITH ... SELECT), starts with '" + first + "'");
    }
  }

  /** How many {@code ?} placeholders the query has outside string literals and comments. */
  static int placeholders(String query) {
    int n = 0;
    for (char c : withoutLiterals(query).toCharArray()) {
      if (c == '?') {
        n++;
      }
    }
    return n;
  }

  /** The query with quoted strings, quoted identifiers and comments blanked out. */
  static String withoutLiterals(String query) {
    StringBuilder out = new StringBuilder(query.length());
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '\'' || c == '"') {
        int end = i + 1;
        while (end < query.length()) {
          if (query.charAt(end) == c) {
            if (end + 1 < query.length() && query.charAt(end + 1) == c) {
              end += 2; // a doubled quote inside the literal
              continue;
            }
            break;
          }
          end++;
        }
        out.append(' ');
        i = end + 1;
      } else if (c == '-' && i + 1 < query.length() && query.charAt(i + 1) == '-') {
        int end = query.indexOf('\n', i);
        i = end < 0 ? query.length() : end;
      } else if (c == '/' && i + 1 < query.length() && query.charAt(i + 1) == '*') {
        int end = query.indexOf("*/", i + 2);
        i = end < 0 ? query.length() : end + 2;
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
