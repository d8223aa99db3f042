package io.sluice.jobs.logs;

import java.io.Serializable;

/**
 * One access-log line as the reports see it, or why it could not be read.
 *
 * @param kind whether the line is a request, a rejected line or a CloudFront header line
 * @param date the request's day in UTC, {@code yyyy-MM-dd}
 * @param os the operating system label from the user agent
 * @param uri the requested path without its query string
 * @param status the HTTP status as logged (three digits)
 * @param bytes response bytes sent ('-' counts as 0)
 * @param reason why a rejected line was rejected
 */
public record LogLine(
    Kind kind, String date, String os, String uri, String status, long bytes, String reason)
    implements Serializable {

  /** What a line is. Header lines are not records: they are neither accepted nor rejected. */
  public enum Kind {
    REQUEST,
    REJECTED,
    HEADER
  }

  static LogLine request(String date, OperatingSystem os, String uri, String status, long bytes) {
    return new LogLine(Kind.REQUEST, date, os.label(), uri, status, bytes, null);
  }

  static LogLine rejected(String reason) {
    return new LogLine(Kind.REJECTED, null, null, null, null, 0, reason);
  }

  static final LogLine HEADER = new LogLine(Kind.HEADER, null, null, null, null, 0, null);
}
