package io.sluice.sampledata;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Web server logs in two formats, read by the {@code logs} job:
 *
 * <ul>
 *   <li>{@code logs/apache/access.log}: Apache combined format, {@value #APACHE_PER_SCALE} requests
 *       per scale from 1 March 2024 on, in four time zones. After the 121st, 181st and 241st
 *       request of every {@value #APACHE_PER_SCALE} comes a line that is not a request: a TLS
 *       handshake sent to the plain-HTTP port, a line of random bytes (not UTF-8), a line cut
 *       short.
 *   <li>{@code logs/cloudfront/E2SLUICEEXAMPLE.<date>-<hour>.<id>.log}: CloudFront standard logs,
 *       two files per scale of {@value #CLOUDFRONT_PER_FILE} requests each after the two header
 *       lines; after the 51st request of each file comes a line cut short after 8 of its 33 fields.
 * </ul>
 */
public final class AccessLogGenerator implements SampleDataset {

  public static final String APACHE_LOG = "logs/apache/access.log";
  public static final String CLOUDFRONT_DIR = "logs/cloudfront";
  public static final int APACHE_PER_SCALE = 300;
  public static final int CLOUDFRONT_FILES_PER_SCALE = 2;
  public static final int CLOUDFRONT_PER_FILE = 100;

  private static final LocalDate FIRST_DAY = LocalDate.of(2024, 3, 1);
  private static final String[] AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:122.0) Gecko/20100101 Firefox/122.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.64 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "curl/8.5.0"
  };
  private static final String[] PATHS = {
    "/",
    "/index.html",
    "/products",
    "/products/sluice-gate",
    "/products/mill-wheel",
    "/cart",
    "/checkout",
    "/api/v1/orders",
    "/static/app.js",
    "/static/style.css",
    "/images/logo.png",
    "/about",
    "/search",
    "/favicon.ico",
    "/robots.txt"
  };
  private static final String[] STATUSES = {
    "200", "200", "200", "200", "200", "304", "304", "301", "404", "500"
  };
  private static final String[] EDGES = {"FRA56-P1", "IAD89-C2", "NRT57-P3", "LHR61-C1"};
  private static final String[] ZONES = {"+0000", "-0700", "+0100", "+0900"};
  private static final String CLOUDFRONT_FIELDS =
      "#Fields: date time x-edge-location sc-bytes c-ip cs-method"
          + " cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type"
          + " x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher"
          + " x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte"
          + " x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end";

  @Override
  public String name() {
    return "logs";
  }

  @Override
  public List<GeneratedFile> write(Path root, GenerationSettings settings) throws IOException {
    List<GeneratedFile> files = new ArrayList<>();
    files.add(apacheLog(root, settings));
    for (int k = 0; k < CLOUDFRONT_FILES_PER_SCALE * settings.scale(); k++) {
      files.add(cloudFrontLog(root, settings, k));
    }
    return files;
  }

  private static GeneratedFile apacheLog(Path root, GenerationSettings settings)
      throws IOException {
    Random random = new Random(settings.seedFor(APACHE_LOG));
    DateTimeFormatter time = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    ZonedDateTime t = FIRST_DAY.atTime(0, 3).atZone(ZoneOffset.UTC);
    StringBuilder line = new StringBuilder(256);
    try (LineFileWriter out = new LineFileWriter(root, APACHE_LOG)) {
      for (long i = 0; i < (long) APACHE_PER_SCALE * settings.scale(); i++) {
        t = t.plusSeconds(300 + random.nextInt(600));
        ZoneOffset zone = ZoneOffset.of(ZONES[random.nextInt(ZONES.length)]);
        String host = "10.0." + random.nextInt(4) + "." + (1 + random.nextInt(250));
        String user = random.nextInt(10) == 0 ? "miller" : "-";
        String method = random.nextInt(8) == 0 ? "POST" : "GET";
        String path =
            PATHS[random.nextInt(PATHS.length)]
                + (random.nextInt(5) == 0 ? "?q=" + random.nextInt(100) : "");
        String status = STATUSES[random.nextInt(STATUSES.length)];
        String bytes = status.equals("304") ? "-" : String.valueOf(200 + random.nextInt(50_000));
        String referer = random.nextInt(3) == 0 ? "https://www.example.com/" : "-";
        String agent = AGENTS[random.nextInt(AGENTS.length)];
        line.setLength(0);
        line.append(host)
            .append(" - ")
            .append(user)
            .append(" [")
            .append(time.format(t.withZoneSameInstant(zone)))
            .append("] \"")
            .append(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\" ")
            .append(status)
            .append(' ')
            .append(bytes)
            .append(" \"")
            .append(referer)
            .append("\" \"")
            .append(agent)
            .append('"');
        out.record(line);
        switch ((int) (i % APACHE_PER_SCALE)) {
          // A TLS handshake sent to the plain-HTTP port: logged, but not a request line.
          case 120 ->
              out.badRecord(
                  "10.0.3.77 - - ["
                      + time.format(t)
                      + "] \"\\x16\\x03\\x01\\x02\\x00\\x01\" 400 226 \"-\" \"-\"");
          // Garbage from a broken client or a corrupt disk block: bytes that are not even UTF-8.
          case 180 -> out.badRecord(randomBytes(random));
          // A line cut short when the disk filled up.
          case 240 -> out.badRecord("10.0.1.9 - - [" + time.format(t) + "] \"GET /products HTT");
          default -> {}
        }
      }
      return out.finish();
    }
  }

  /**
   * 40 to 119 random bytes with no line break, starting with a byte that is not ASCII (so never a
   * '#' comment).
   */
  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[40 + random.nextInt(80)];
    for (int b = 0; b < bytes.length; b++) {
      int value;
      do {
        value = b == 0 ? 0x80 + random.nextInt(0x80) : random.nextInt(0x100);
      } while (value == '\n' || value == '\r');
      bytes[b] = (byte) value;
    }
    return bytes;
  }

  /**
   * The file name of CloudFront log {@code k}: distribution, date and hour, and a unique id, as
   * CloudFront names them.
   */
  static String cloudFrontName(GenerationSettings settings, int k) {
    LocalDate day = FIRST_DAY.plusDays(k);
    int hour = k % 2 == 0 ? 10 : 14;
    long id = settings.seedFor(CLOUDFRONT_DIR + "/id/" + k) >>> 32;
    return String.format(
        Locale.ROOT, "%s/E2SLUICEEXAMPLE.%s-%02d.%08x.log", CLOUDFRONT_DIR, day, hour, id);
  }

  /** One CloudFront standard log file: the two header lines, then tab-separated requests. */
  private static GeneratedFile cloudFrontLog(Path root, GenerationSettings settings, int k)
      throws IOException {
    Random random = new Random(settings.seedFor(CLOUDFRONT_DIR + "/" + k));
    LocalDate day = FIRST_DAY.plusDays(k);
    int seconds = (k % 2 == 0 ? 10 : 14) * 3600;
    try (LineFileWriter out = new LineFileWriter(root, cloudFrontName(settings, k))) {
      out.header("#Version: 1.0");
      out.header(CLOUDFRONT_FIELDS);
      for (int i = 0; i < CLOUDFRONT_PER_FILE; i++) {
        seconds += 1 + random.nextInt(30);
        String status = STATUSES[random.nextInt(STATUSES.length)];
        long bytes = status.equals("304") ? 0 : 300 + random.nextInt(80_000);
        String agent = AGENTS[random.nextInt(AGENTS.length)].replace(" ", "%20");
        String result = status.equals("200") && random.nextBoolean() ? "Hit" : "Miss";
        String[] f = {
          day.toString(),
          String.format(
              Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60),
          EDGES[random.nextInt(EDGES.length)],
          String.valueOf(bytes),
          "198.51.100." + (1 + random.nextInt(250)),
          "GET",
          "d111111abcdef8.cloudfront.net",
          PATHS[random.nextInt(PATHS.length)],
          status,
          "-",
          agent,
          random.nextInt(4) == 0 ? "page=" + random.nextInt(9) : "-",
          "-",
          result,
          requestId(random),
          "www.example.com",
          "https",
          String.valueOf(100 + random.nextInt(400)),
          String.format(Locale.ROOT, "0.%03d", random.nextInt(1000)),
          "-",
          "TLSv1.3",
          "TLS_AES_128_GCM_SHA256",
          result,
          "HTTP/2.0",
          "-",
          "-",
          String.valueOf(1024 + random.nextInt(60_000)),
          String.format(Locale.ROOT, "0.%03d", random.nextInt(1000)),
          result,
          "text/html",
          String.valueOf(bytes),
          "-",
          "-"
        };
        out.record(String.join("\t", f));
        if (i == 50) {
          // The edge wrote part of a line before it restarted.
          out.badRecord(String.join("\t", List.of(f).subList(0, 8)));
        }
      }
      return out.finish();
    }
  }

  private static String requestId(Random random) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 56; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.append("==").toString();
  }
}
