package io.sluice.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.ParserFuzz;
import io.sluice.jobs.HadoopLines;
import java.util.List;

/**
 * Apache combined/common and CloudFront access logs under seeded mutations of valid files, read in
 * each of the three formats: every line is a request with its fields, a CloudFront header, or
 * quarantined with a reason.
 */
class AccessLogParserFuzzTest extends FuzzTestBase {

  private static final List<String> SAMPLES = samples();

  private static final ParserFuzz ACCESS_LOGS =
      ParserFuzz.of("access logs (AccessLogParser)", SAMPLES, AccessLogParserFuzzTest::read)
          .properties("every line is a request, a header or quarantined", 1703, 1713, 10);

  /** AccessLogParserTest's lines and more; CloudFront with its header lines. */
  private static List<String> samples() {
    String cloudFront = AccessLogParserTest.CLOUDFRONT;
    return List.of(
        AccessLogParserTest.APACHE
            + "\n::1 - - [10/Oct/2000:13:55:36 +0000] \"GET /a.gif HTTP/1.0\" 304 -\n"
            + "198.51.100.2 - - [29/Feb/2024:00:00:01 +0100] \"POST /ünï HTTP/2\" 500 0 \"-\""
            + " \"curl/8.0\"\n",
        "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method\n"
            + cloudFront
            + "\n"
            + cloudFront.replace("304", "200").replace("/index.html", "/é?x=%41")
            + "\r\n");
  }

  private static void read(Mutant file, FuzzCounts counts) {
    List<String> lines = HadoopLines.of(file.bytes());
    for (AccessLogFormat format : AccessLogFormat.values()) {
      long read = 0;
      long accepted = 0;
      long rejected = 0;
      for (String line : lines) {
        LogLine l = AccessLogParser.parse(line, format);
        switch (l.kind()) {
          case HEADER -> {
            continue;
          }
          case REQUEST -> {
            assertNotNull(l.date());
            assertNotNull(l.uri());
            assertNotNull(l.os());
            assertEquals(3, l.status().length());
            accepted++;
          }
          case REJECTED -> {
            assertNotNull(l.reason(), "a quarantined line has a reason");
            assertFalse(l.reason().isBlank(), "a quarantined line has a reason");
            rejected++;
          }
        }
        read++;
      }
      assertEquals(read, accepted + rejected);
      counts.accepted(accepted);
      counts.quarantined(rejected);
    }
  }
}
