package io.sluice.jobs.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Reads one access-log line, Apache combined or CloudFront standard, into a {@link LogLine}. Both
 * engines call this, so they accept, reject and classify exactly the same lines.
 */
public final class AccessLogParser {

  /** Strict: a day that does not exist (31/Feb) is an error, not the last day of the month. */
  private static final DateTimeFormatter APACHE_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ENGLISH)
          .withResolverStyle(ResolverStyle.STRICT);

  /** Leading fields of a CloudFront standard log line; later fields vary and are not needed. */
  private static final int CLOUDFRONT_MIN_FIELDS = 11;

  private AccessLogParser() {}

  public static LogLine parse(String line, AccessLogFormat format) {
    if (line.isBlank()) {
      return LogLine.rejected("empty line");
    }
    return switch (format) {
      case APACHE -> parseApache(line);
      case CLOUDFRONT -> line.startsWith("#") ? LogLine.HEADER : parseCloudFront(line);
      case AUTO -> {
        if (line.startsWith("#")) {
          yield LogLine.HEADER;
        }
        yield looksLikeCloudFront(line) ? parseCloudFront(line) : parseApache(line);
      }
    };
  }

  private static boolean looksLikeCloudFront(String line) {
    return line.length() > 11 && line.charAt(10) == '\t' && isIsoDate(line.substring(0, 10));
  }

  // host ident user [time] "request" status bytes ["referer" "user agent"]
  private static LogLine parseApache(String line) {
    Cursor c = new Cursor(line);
    if (c.word() == null || c.word() == null || c.word() == null) {
      return LogLine.rejected(
          "not an Apache log line: expected 'host ident user [time] \"request\" status bytes'");
    }
    String time = c.bracketed();
    if (time == null) {
      return LogLine.rejected("not an Apache log line: no [time] after host, ident and user");
    }
    String request = c.quoted();
    if (request == null) {
      return LogLine.rejected("not an Apache log line: no quoted \"request\" after the time");
    }
    String status = c.word();
    String bytes = c.word();
    if (bytes == null) {
      return LogLine.rejected("not an Apache log line: missing status or bytes after the request");
    }
    String referer = c.quoted();
    String agent = referer == null ? null : c.quoted();

    String date;
    try {
      date =
          OffsetDateTime.parse(time, APACHE_TIME)
              .atZoneSameInstant(ZoneOffset.UTC)
              .toLocalDate()
              .toString();
    } catch (DateTimeParseException e) {
      return LogLine.rejected("time [" + time + "] is not dd/MMM/yyyy:HH:mm:ss +hhmm");
    }
    String[] parts = request.split(" ", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return LogLine.rejected("request \"" + request + "\" is not 'METHOD URI PROTOCOL'");
    }
    return finish(date, parts[1], status, bytes, agent);
  }

  // date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer)
  // cs(User-Agent) ...
  private static LogLine parseCloudFront(String line) {
    String[] f = line.split("\t", -1);
    if (f.length < CLOUDFRONT_MIN_FIELDS) {
      return LogLine.rejected(
          "CloudFront line has "
              + f.length
              + " tab-separated fields, expected at least "
              + CLOUDFRONT_MIN_FIELDS
              + " (date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem"
              + " sc-status cs(Referer) cs(User-Agent))");
    }
    if (!isIsoDate(f[0])) {
      return LogLine.rejected("date '" + f[0] + "' is not yyyy-MM-dd");
    }
    if (f[7].isEmpty()) {
      return LogLine.rejected("empty cs-uri-stem");
    }
    return finish(f[0], f[7], f[8], f[3], percentDecode(f[10]));
  }

  private static LogLine finish(
      String date, String uri, String status, String bytes, String agent) {
    if (status == null || status.length() != 3 || !digits(status)) {
      return LogLine.rejected("status '" + status + "' is not a three-digit HTTP status");
    }
    long sent;
    if (bytes.equals("-")) {
      sent = 0;
    } else if (digits(bytes) && bytes.length() <= 18) {
      sent = Long.parseLong(bytes);
    } else {
      return LogLine.rejected("bytes '" + bytes + "' is neither a number nor '-'");
    }
    int query = uri.indexOf('?');
    String path = query >= 0 ? uri.substring(0, query) : uri;
    return LogLine.request(date, OperatingSystem.fromUserAgent(agent), path, status, sent);
  }

  private static boolean isIsoDate(String s) {
    if (s.length() != 10
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || !digits(s.substring(0, 4) + s.substring(5, 7) + s.substring(8))) {
      return false;
    }
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean digits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** CloudFront URL-encodes the user agent, some distributions twice; decodes %XX up to twice. */
  static String percentDecode(String s) {
    String out = s;
    for (int round = 0; round < 2 && out.indexOf('%') >= 0; round++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(out.length());
      byte[] in = out.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < in.length; i++) {
        if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
          bytes.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
          i += 2;
        } else {
          bytes.write(in[i]);
        }
      }
      out = bytes.toString(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static int hex(byte b) {
    return Character.digit((char) b, 16);
  }

  /** Walks an Apache line field by field. */
  private static final class Cursor {
    private final String line;
    private int pos;

    Cursor(String line) {
      this.line = line;
    }

    private void skipSpaces() {
      while (pos < line.length() && line.charAt(pos) == ' ') {
        pos++;
      }
    }

    /** The next space-delimited word, or null at the end of the line. */
    String word() {
      skipSpaces();
      if (pos >= line.length()) {
        return null;
      }
      int start = pos;
      while (pos < line.length() && line.charAt(pos) != ' ') {
        pos++;
      }
      return line.substring(start, pos);
    }

    /** The content of the next [...] field, or null. */
    String bracketed() {
      skipSpaces();
      if (pos >= line.length() || line.charAt(pos) != '[') {
        return null;
      }
      int end = line.indexOf(']', pos);
      if (end < 0) {
        return null;
      }
      String content = line.substring(pos + 1, end);
      pos = end + 1;
      return content;
    }

    /** The content of the next "..." field with Apache's \" and \\ escapes undone, or null. */
    String quoted() {
      skipSpaces();
      if (pos >= line.length() || line.charAt(pos) != '"') {
        return null;
      }
      StringBuilder out = new StringBuilder();
      for (int i = pos + 1; i < line.length(); i++) {
        char ch = line.charAt(i);
        if (ch == '\\'
            && i + 1 < line.length()
            && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
          out.append(line.charAt(++i));
        } else if (ch == '"') {
          pos = i + 1;
          return out.toString();
        } else {
          out.append(ch);
        }
      }
      return null;
    }
  }
}
