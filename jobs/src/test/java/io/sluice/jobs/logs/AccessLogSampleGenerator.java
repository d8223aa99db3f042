package io.sluice.jobs.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Writes the sample inputs under sample-data/logs and sample-data/etl. Deterministic (fixed seeds;
 * java.util.Random's sequence is specified), so the committed files are exactly its output;
 * {@code SampleDataTest} checks that. Regenerate with
 * {@code java -cp jobs/target/test-classes io.sluice.jobs.logs.AccessLogSampleGenerator sample-data}.
 *
 * <ul>
 *   <li>logs/apache/access.log: 302 Apache combined lines, 1-3 March 2024, four time zones; line 122
 *       (a TLS handshake on the HTTP port) and line 243 (cut short) are not requests.</li>
 *   <li>logs/cloudfront/: two CloudFront standard logs of 100 requests each, with header lines.
 *       The {@code logs} job reads the directory as: read=502 accepted=500 rejected=2.</li>
 *   <li>etl/orders.csv: 100 orders, 1-5 March 2024; some ids come again later (the later row wins:
 *       85 distinct), some values need trimming or are empty; line 33 (a column short), 64 (amount
 *       12.3.4) and 95 (2024-03-32) do not fit the schema: read=103 accepted=100 rejected=3 written=85.</li>
 *   <li>etl/orders.jsonl: the same orders as JSON Lines; line 42 is cut short, line 73 has a text order_id.</li>
 *   <li>etl/orders.schema.json and .yaml: the same schema, keyed on order_id, partitioned by order_date.</li>
 * </ul>
 * No READMEs beside them: the directories are job inputs, and every file in them is read.
 */
public final class AccessLogSampleGenerator {

  static final String APACHE_LOG = "logs/apache/access.log";
  static final String CLOUDFRONT_DAY1 = "logs/cloudfront/E2SLUICEEXAMPLE.2024-03-01-10.5f3a9c1e.log";
  static final String CLOUDFRONT_DAY2 = "logs/cloudfront/E2SLUICEEXAMPLE.2024-03-02-14.b7d20e44.log";
  static final String ORDERS_CSV = "etl/orders.csv";
  static final String ORDERS_JSONL = "etl/orders.jsonl";
  static final String ORDERS_SCHEMA_JSON = "etl/orders.schema.json";
  static final String ORDERS_SCHEMA_YAML = "etl/orders.schema.yaml";

  /** Every generated file, relative to the sample-data directory. */
  static final List<String> FILES = List.of(APACHE_LOG, CLOUDFRONT_DAY1, CLOUDFRONT_DAY2,
      ORDERS_CSV, ORDERS_JSONL, ORDERS_SCHEMA_JSON, ORDERS_SCHEMA_YAML);

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
      "curl/8.5.0"};
  private static final String[] PATHS = {
      "/", "/index.html", "/products", "/products/sluice-gate", "/products/mill-wheel", "/cart",
      "/checkout", "/api/v1/orders", "/static/app.js", "/static/style.css", "/images/logo.png",
      "/about", "/search", "/favicon.ico", "/robots.txt"};
  private static final String[] STATUSES = {"200", "200", "200", "200", "200", "304", "304", "301", "404", "500"};
  private static final String[] EDGES = {"FRA56-P1", "IAD89-C2", "NRT57-P3", "LHR61-C1"};

  private AccessLogSampleGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "sample-data");
    writeAll(dir);
    System.out.println("wrote " + FILES.size() + " files under " + dir.toAbsolutePath());
  }

  static void writeAll(Path sampleData) throws IOException {
    write(sampleData.resolve(APACHE_LOG), apacheLog());
    write(sampleData.resolve(CLOUDFRONT_DAY1), cloudFrontLog(LocalDate.of(2024, 3, 1), 10, 101));
    write(sampleData.resolve(CLOUDFRONT_DAY2), cloudFrontLog(LocalDate.of(2024, 3, 2), 14, 202));
    List<Order> orders = orders();
    write(sampleData.resolve(ORDERS_CSV), ordersCsv(orders));
    write(sampleData.resolve(ORDERS_JSONL), ordersJsonLines(orders));
    write(sampleData.resolve(ORDERS_SCHEMA_JSON), """
        {
          "fields": [
            {"name": "order_id", "type": "long", "nullable": false},
            {"name": "customer", "type": "string", "nullable": false},
            {"name": "country", "type": "string"},
            {"name": "amount", "type": "double", "nullable": false},
            {"name": "quantity", "type": "int"},
            {"name": "paid", "type": "boolean"},
            {"name": "order_date", "type": "date", "nullable": false},
            {"name": "updated_at", "type": "timestamp"}
          ],
          "key": ["order_id"],
          "partitionBy": "order_date"
        }
        """);
    write(sampleData.resolve(ORDERS_SCHEMA_YAML), """
        # The same schema as orders.schema.json, in YAML.
        fields:
          - name: order_id
            type: long
            nullable: false
          - {name: customer, type: string, nullable: false}
          - {name: country, type: string}
          - name: amount
            type: double
            nullable: false
          - {name: quantity, type: int}
          - {name: paid, type: boolean}
          - {name: order_date, type: date, nullable: false}
          - {name: updated_at, type: timestamp}
        key: [order_id]
        partitionBy: order_date
        """);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Three days of Apache combined lines in several time zones, plus two lines a server really writes that are not requests. */
  static String apacheLog() {
    Random random = new Random(20240301);
    DateTimeFormatter time = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    String[] zones = {"+0000", "-0700", "+0100", "+0900"};
    ZonedDateTime t = ZonedDateTime.of(2024, 3, 1, 0, 3, 0, 0, ZoneOffset.UTC);
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      t = t.plusSeconds(300 + random.nextInt(600));
      ZoneOffset zone = ZoneOffset.of(zones[random.nextInt(zones.length)]);
      String host = "10.0." + random.nextInt(4) + "." + (1 + random.nextInt(250));
      String user = random.nextInt(10) == 0 ? "miller" : "-";
      String method = random.nextInt(8) == 0 ? "POST" : "GET";
      String path = PATHS[random.nextInt(PATHS.length)] + (random.nextInt(5) == 0 ? "?q=" + random.nextInt(100) : "");
      String status = STATUSES[random.nextInt(STATUSES.length)];
      String bytes = status.equals("304") ? "-" : String.valueOf(200 + random.nextInt(50_000));
      String referer = random.nextInt(3) == 0 ? "https://www.example.com/" : "-";
      String agent = AGENTS[random.nextInt(AGENTS.length)];
      log.append(host).append(" - ").append(user).append(" [").append(time.format(t.withZoneSameInstant(zone)))
          .append("] \"").append(method).append(' ').append(path).append(" HTTP/1.1\" ").append(status).append(' ')
          .append(bytes).append(" \"").append(referer).append("\" \"").append(agent).append("\"\n");
      if (i == 120) {
        // A TLS handshake sent to the plain-HTTP port: logged, but not a request line.
        log.append("10.0.3.77 - - [").append(time.format(t)).append("] \"\\x16\\x03\\x01\\x02\\x00\\x01\" 400 226 \"-\" \"-\"\n");
      }
      if (i == 240) {
        // A line cut short when the disk filled up.
        log.append("10.0.1.9 - - [").append(time.format(t)).append("] \"GET /products HTT\n");
      }
    }
    return log.toString();
  }

  /** One CloudFront standard log file: the two header lines, then tab-separated requests. */
  static String cloudFrontLog(LocalDate day, int hour, long seed) {
    Random random = new Random(seed);
    StringBuilder log = new StringBuilder("#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method"
        + " cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type"
        + " x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher"
        + " x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte"
        + " x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end\n");
    int seconds = hour * 3600;
    for (int i = 0; i < 100; i++) {
      seconds += 1 + random.nextInt(30);
      String status = STATUSES[random.nextInt(STATUSES.length)];
      long bytes = status.equals("304") ? 0 : 300 + random.nextInt(80_000);
      String agent = AGENTS[random.nextInt(AGENTS.length)].replace(" ", "%20");
      String result = status.equals("200") && random.nextBoolean() ? "Hit" : "Miss";
      String[] f = {
          day.toString(), String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60),
          EDGES[random.nextInt(EDGES.length)], String.valueOf(bytes),
          "198.51.100." + (1 + random.nextInt(250)), "GET", "d111111abcdef8.cloudfront.net",
          PATHS[random.nextInt(PATHS.length)], status, "-", agent,
          random.nextInt(4) == 0 ? "page=" + random.nextInt(9) : "-", "-", result,
          requestId(random), "www.example.com", "https", String.valueOf(100 + random.nextInt(400)),
          String.format(Locale.ROOT, "0.%03d", random.nextInt(1000)), "-", "TLSv1.3", "TLS_AES_128_GCM_SHA256",
          result, "HTTP/2.0", "-", "-", String.valueOf(1024 + random.nextInt(60_000)),
          String.format(Locale.ROOT, "0.%03d", random.nextInt(1000)), result, "text/html", String.valueOf(bytes), "-", "-"};
      log.append(String.join("\t", f)).append('\n');
    }
    return log.toString();
  }

  private static String requestId(Random random) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 56; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.append("==").toString();
  }

  /** An order as written to the ETL samples; text fields are written as they appear in the file. */
  record Order(String id, String customer, String country, String amount, String quantity, String paid,
      String date, String updatedAt) {}

  /** 100 orders over five days; some ids appear again later (a corrected row), some values need trimming or are empty. */
  static List<Order> orders() {
    Random random = new Random(7);
    String[] customers = {"Ada Miller", "Ben Okafor", "Chloé Dubois", "Dai Nakamura", "Eva Lindqvist", "Farid Haddad"};
    String[] countries = {"DE", "FR", "JP", "SE", "US", ""};
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      boolean correction = i >= 20 && random.nextInt(6) == 0;
      long id = correction ? 1000 + random.nextInt(i) : 1000 + i;
      LocalDate day = LocalDate.of(2024, 3, 1).plusDays(correction ? (id - 1000) / 20 : i / 20);
      String amount = String.format(Locale.ROOT, "%d.%02d", 5 + random.nextInt(400), random.nextInt(100));
      String updated = day + (random.nextBoolean() ? "T" : " ")
          + String.format(Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60))
          + (random.nextBoolean() ? "Z" : "");
      orders.add(new Order(
          String.valueOf(id),
          customers[random.nextInt(customers.length)],
          countries[random.nextInt(countries.length)],
          i % 17 == 0 ? " " + amount + " " : amount,
          random.nextInt(9) == 0 ? "" : String.valueOf(1 + random.nextInt(5)),
          random.nextBoolean() ? "true" : "false",
          day.toString(),
          i % 13 == 0 ? "" : updated));
    }
    return orders;
  }

  static String ordersCsv(List<Order> orders) {
    StringBuilder csv = new StringBuilder("order_id,customer,country,amount,quantity,paid,order_date,updated_at,channel\n");
    for (int i = 0; i < orders.size(); i++) {
      Order o = orders.get(i);
      String customer = o.customer().contains(" ") && i % 2 == 0 ? "\"" + o.customer() + "\"" : o.customer();
      csv.append(String.join(",", o.id(), customer, o.country(), o.amount(), o.quantity(), o.paid(), o.date(),
          o.updatedAt(), i % 3 == 0 ? "web" : "store")).append('\n');
      if (i == 30) {
        csv.append("1999,Gus Grey,DE,12.50,1,true,2024-03-02\n"); // a column short
      }
      if (i == 60) {
        csv.append("2000,Hana Ito,JP,12.3.4,2,false,2024-03-04,2024-03-04T09:00:00Z,web\n"); // not a number
      }
      if (i == 90) {
        csv.append("2001,Ivo Horvat,SE,40.00,1,true,2024-03-32,,store\n"); // no such day
      }
    }
    return csv.toString();
  }

  static String ordersJsonLines(List<Order> orders) {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < orders.size(); i++) {
      Order o = orders.get(i);
      jsonl.append("{\"order_id\":").append(o.id())
          .append(",\"customer\":\"").append(o.customer()).append('"')
          .append(o.country().isEmpty() ? "" : ",\"country\":\"" + o.country() + "\"")
          .append(",\"amount\":").append(i % 2 == 0 ? o.amount().trim() : "\"" + o.amount() + "\"")
          .append(",\"quantity\":").append(o.quantity().isEmpty() ? "null" : o.quantity())
          .append(",\"paid\":").append(o.paid())
          .append(",\"order_date\":\"").append(o.date()).append('"')
          .append(o.updatedAt().isEmpty() ? "" : ",\"updated_at\":\"" + o.updatedAt() + "\"")
          .append("}\n");
      if (i == 40) {
        jsonl.append("{\"order_id\":1998,\"customer\":\"Jo Park\",\"amount\":9.99,\"order_date\":\"2024-03-03\"\n"); // cut short
      }
      if (i == 70) {
        jsonl.append("{\"order_id\":\"seventy\",\"customer\":\"Kai Berg\",\"amount\":1,\"order_date\":\"2024-03-04\"}\n");
      }
    }
    return jsonl.toString();
  }
}
