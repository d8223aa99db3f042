package io.sluice.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccessLogParserTest {

  static final String APACHE =
      "203.0.113.7 - frank [01/Mar/2024:23:30:00 -0700] "
          + "\"GET /products/gate?colour=red HTTP/1.1\" 200 5120 \"https://example.com/\" "
          + "\"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 \\\"quoted\\\" Chrome/122\"";
  static final String CLOUDFRONT =
      String.join(
          "\t",
          "2024-03-02",
          "10:00:11",
          "LHR61-C1",
          "1993",
          "198.51.100.230",
          "GET",
          "d1.cloudfront.net",
          "/index.html",
          "304",
          "-",
          "Mozilla/5.0%2520(iPhone;%2520CPU%2520iPhone%2520OS%252017_3%2520like%2520Mac%2520OS%2520X)",
          "a=1",
          "-");

  @Test
  void apacheCombinedLine() {
    LogLine l = AccessLogParser.parse(APACHE, AccessLogFormat.AUTO);
    assertEquals(LogLine.Kind.REQUEST, l.kind(), l.reason());
    assertEquals("2024-03-02", l.date(), "23:30 at -0700 is the next day in UTC");
    assertEquals("Android", l.os());
    assertEquals("/products/gate", l.uri(), "query string dropped");
    assertEquals("200", l.status());
    assertEquals(5120, l.bytes());
  }

  @Test
  void apacheCommonLineWithoutAgentAndDashBytes() {
    LogLine l =
        AccessLogParser.parse(
            "::1 - - [10/Oct/2000:13:55:36 +0000] \"GET /a.gif HTTP/1.0\" 304 -",
            AccessLogFormat.APACHE);
    assertEquals(LogLine.Kind.REQUEST, l.kind(), l.reason());
    assertEquals("Other", l.os());
    assertEquals(0, l.bytes());
    assertEquals("2000-10-10", l.date());
  }

  @Test
  void cloudFrontLineAndHeaders() {
    LogLine l = AccessLogParser.parse(CLOUDFRONT, AccessLogFormat.AUTO);
    assertEquals(LogLine.Kind.REQUEST, l.kind(), l.reason());
    assertEquals("2024-03-02", l.date());
    assertEquals("iOS", l.os(), "double-encoded agent decoded; iPhone wins over 'like Mac OS X'");
    assertEquals("/index.html", l.uri());
    assertEquals("304", l.status());
    assertEquals(1993, l.bytes());
    assertEquals(
        LogLine.Kind.HEADER, AccessLogParser.parse("#Version: 1.0", AccessLogFormat.AUTO).kind());
    assertEquals(
        LogLine.Kind.HEADER,
        AccessLogParser.parse("#Fields: date time", AccessLogFormat.CLOUDFRONT).kind());
    assertEquals(
        LogLine.Kind.REQUEST, AccessLogParser.parse(CLOUDFRONT, AccessLogFormat.CLOUDFRONT).kind());
  }

  @Test
  void forcedFormatRejectsTheOther() {
    assertEquals(
        LogLine.Kind.REJECTED, AccessLogParser.parse(CLOUDFRONT, AccessLogFormat.APACHE).kind());
    assertEquals(
        LogLine.Kind.REJECTED,
        AccessLogParser.parse("#Version: 1.0", AccessLogFormat.APACHE).kind());
    LogLine l = AccessLogParser.parse(APACHE, AccessLogFormat.CLOUDFRONT);
    assertEquals(LogLine.Kind.REJECTED, l.kind());
    assertTrue(l.reason().startsWith("CloudFront line has 1 tab-separated fields"), l.reason());
  }

  @Test
  void unreadableLinesSayWhy() {
    assertReason(
        "\u0016\u0003\u0001\uFFFD\uFFFD junk", "not an Apache log line: expected 'host ident user");
    assertReason("a b c [nope", "not an Apache log line: no [time]");
    assertReason(
        "10.0.3.77 - - [01/Mar/2024:21:14:36 +0000] \"\\x16\\x03\\x01\" 400 226 \"-\" \"-\"",
        "request \"\\x16\\x03\\x01\" is not 'METHOD URI PROTOCOL'");
    assertReason(
        "h - - [01/Mar/2024:21:14:36 +0000] \"GET /products HTT",
        "not an Apache log line: no quoted");
    assertReason(
        "h - - [31/Feb/2024:21:14:36 +0000] \"GET / HTTP/1.1\" 200 1",
        "time [31/Feb/2024:21:14:36 +0000]");
    assertReason("h - - [01/Mar/2024:21:14:36 +0000] \"GET / HTTP/1.1\" 2000 1", "status '2000'");
    assertReason("h - - [01/Mar/2024:21:14:36 +0000] \"GET / HTTP/1.1\" 200 12k", "bytes '12k'");
    assertReason("", "empty line");
    assertReason("2024-03-02\tonly\tthree", "CloudFront line has 3 tab-separated fields");
  }

  private static void assertReason(String line, String reasonStart) {
    LogLine l = AccessLogParser.parse(line, AccessLogFormat.AUTO);
    assertEquals(LogLine.Kind.REJECTED, l.kind(), line);
    assertNull(l.date());
    assertTrue(l.reason().startsWith(reasonStart), l.reason());
  }

  @Test
  void operatingSystemsFromAgents() {
    assertEquals(
        OperatingSystem.WINDOWS,
        OperatingSystem.fromUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64)"));
    assertEquals(
        OperatingSystem.MACOS,
        OperatingSystem.fromUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)"));
    assertEquals(
        OperatingSystem.LINUX, OperatingSystem.fromUserAgent("Mozilla/5.0 (X11; Linux x86_64)"));
    assertEquals(
        OperatingSystem.ANDROID, OperatingSystem.fromUserAgent("Mozilla/5.0 (Linux; Android 14)"));
    assertEquals(
        OperatingSystem.IOS,
        OperatingSystem.fromUserAgent("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X)"));
    assertEquals(OperatingSystem.OTHER, OperatingSystem.fromUserAgent("curl/8.5.0"));
    assertEquals(OperatingSystem.OTHER, OperatingSystem.fromUserAgent(null));
  }

  @Test
  void csvLinesQuoteOnlyWhatNeedsIt() {
    assertEquals("1,/a,3", Report.csvLine(1, "/a", 3L));
    assertEquals("2,\"/a,b\",\"/say \"\"hi\"\"\"", Report.csvLine(2, "/a,b", "/say \"hi\""));
  }
}
