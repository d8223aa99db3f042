package io.sluice.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a SQL script (a file given to {@code sluice sql -f}) into its statements the way psql
 * does: at a ';' outside quotes ('...', E'...' with backslash escapes, "..."), dollar quotes
 * ($tag$...$tag$), comments (--, nested /* *&#47;) and parentheses. Each statement keeps the line
 * it starts on, for error messages.
 *
 * <p>Why split here: pgjdbc runs a multi-statement string as one implicit transaction and throws
 * before the results of the earlier statements can be read, and DuckDB's JDBC driver returns only
 * the last result; psql sends statements one at a time, so a failure leaves earlier ones done and
 * printed.
 */
public final class SqlScript {

  /** One statement of a script, without its ';', and the 1-based line it starts on. */
  public record Statement(String sql, int line) {}

  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");

  private SqlScript() {}

  public static List<Statement> split(String script) {
    List<Statement> statements = new ArrayList<>();
    int start = -1; // where the current statement's first significant character is
    int startLine = 0;
    int line = 1;
    int depth = 0;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      int end; // index just after the token that starts at i
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int nl = script.indexOf('\n', i);
        end = nl < 0 ? n : nl;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        end = blockCommentEnd(script, i);
      } else {
        if (Character.isWhitespace(c)) {
          end = i + 1;
        } else {
          if (start < 0) {
            start = i;
            startLine = line;
          }
          end = tokenEnd(script, i);
          if (c == '(') {
            depth++;
          } else if (c == ')') {
            depth = Math.max(0, depth - 1);
          } else if (c == ';' && depth == 0) {
            add(statements, script.substring(start, i), startLine);
            start = -1;
          }
        }
      }
      line += count(script, i, end, '\n');
      i = end;
    }
    if (start >= 0) {
      add(statements, script.substring(start), startLine);
    }
    return statements;
  }

  private static void add(List<Statement> statements, String sql, int line) {
    String text = sql.strip();
    if (!text.isEmpty()) {
      statements.add(new Statement(text, line));
    }
  }

  /** The end of the significant token at {@code i}: a quoted string or one character. */
  private static int tokenEnd(String s, int i) {
    char c = s.charAt(i);
    if (c == '\'') {
      boolean escapes = i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e');
      escapes = escapes && (i < 2 || !isIdentifierPart(s.charAt(i - 2)));
      return quotedEnd(s, i, '\'', escapes);
    }
    if (c == '"') {
      return quotedEnd(s, i, '"', false);
    }
    if (c == '$' && (i == 0 || !isIdentifierPart(s.charAt(i - 1)))) {
      Matcher tag = DOLLAR_TAG.matcher(s).region(i, s.length());
      if (tag.lookingAt()) {
        int close = s.indexOf(tag.group(), tag.end());
        return close < 0 ? s.length() : close + tag.group().length();
      }
    }
    return i + 1;
  }

  /** After the closing quote ({@code ''} inside is the quote itself, and simply reopens). */
  private static int quotedEnd(String s, int i, char quote, boolean backslashEscapes) {
    int j = i + 1;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (backslashEscapes && c == '\\') {
        j += 2;
      } else if (c == quote) {
        return j + 1;
      } else {
        j++;
      }
    }
    return s.length();
  }

  /** After the {@code *}{@code /} closing the comment at {@code i}; PostgreSQL nests them. */
  private static int blockCommentEnd(String s, int i) {
    int depth = 0;
    int j = i;
    while (j < s.length()) {
      if (s.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (s.startsWith("*/", j)) {
        depth--;
        j += 2;
        if (depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return s.length();
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static int count(String s, int from, int to, char c) {
    int k = 0;
    for (int j = from; j < Math.min(to, s.length()); j++) {
      if (s.charAt(j) == c) {
        k++;
      }
    }
    return k;
  }
}
