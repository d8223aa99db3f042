package io.sluice.tests.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.functions.FunctionJars;
import io.sluice.functions.HandlerJar;
import io.sluice.kv.Json;
import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
import io.sluice.serve.ApiFile;
import io.sluice.serve.Gateway;
import io.sluice.testing.DuckDbFile;
import io.sluice.testing.DynamoDbServer;
import io.sluice.testing.SluiceTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One gateway for the class, in this JVM, over real HTTP on 127.0.0.1: kv-get on dynalite, sql on a
 * DuckDB file, function routes on a handler jar compiled by the test against AWS's interfaces;
 * keys, throttling, timeouts, /metrics, /openapi.json.
 */
@SluiceTest
class GatewayIT {

  static final String KEY = "gateway-it-key-1";

  /** A key of its own for the throttling test, so its bucket is not the other tests'. */
  static final String THROTTLED_KEY = "gateway-it-key-2";

  /** Burst of the throttle; the other tests together send fewer requests with {@link #KEY}. */
  static final int BURST = 40;

  @TempDir static Path dir;

  private static Gateway gateway;
  private static FunctionJars jars;
  private static Requests http;

  @BeforeAll
  static void start(DynamoDbServer kv, DuckDbFile warehouse) throws Exception {
    kv.store().createTableIfMissing("churn", KeySchema.of(KeyAttribute.parse("customer_id")));
    kv.store()
        .put(
            "churn",
            Json.toItem("{\"customer_id\": \"C1\", \"prediction\": \"1\", \"probability\": 0.75}"));
    warehouse.query(
        "CREATE TABLE orders AS SELECT * FROM (VALUES (1, DATE '2024-01-01', 10.5),"
            + " (2, DATE '2024-01-01', 4.25), (3, DATE '2024-01-02', 7.0))"
            + " t(order_id, order_date, amount)");
    Files.writeString(dir.resolve("keys.txt"), "# clients\n" + KEY + "\n" + THROTTLED_KEY + "\n");
    Path api = dir.resolve("api.yaml");
    Files.writeString(
        api,
        """
        routes:
          - route: GET /customers/{id}/churn
            kv-get: {table: churn, key: id}
          - route: GET /revenue/{day}
            sql:
              target: "%1$s"
              query: SELECT order_date, sum(amount) AS revenue FROM orders WHERE order_date = ? GROUP BY 1
              params: [day]
          - route: GET /cross
            sql:
              target: "%1$s"
              query: SELECT count(*) AS n FROM range(CAST(? AS BIGINT)) a, range(CAST(? AS BIGINT)) b
              params: [a, b]
            timeout: 300ms
          - route: GET /hello/{name}
            function: {handler: %2$s}
          - route: POST /blocks
            function: {handler: %3$s}
            timeout: 300ms
          - route: POST /fails
            function: {handler: %4$s}
        api-keys: keys.txt
        throttle: {rate: 0.5, burst: %5$d}
        """
            .formatted(
                warehouse.target(), HandlerJar.HELLO, HandlerJar.BLOCKS, HandlerJar.FAILS, BURST));
    jars = FunctionJars.open(List.of(HandlerJar.build(dir.resolve("handlers.jar"))));
    gateway =
        Gateway.builder(ApiFile.load(api))
            .port(0)
            .keyValueStore(kv::store)
            .functionJars(jars)
            .start();
    assertEquals("127.0.0.1", gateway.uri().getHost());
    http = new Requests(gateway.uri());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (jars != null) {
      jars.close();
    }
  }

  @Test
  void kvGetAnswersTheItemAsPlainJsonOr404() {
    HttpResponse<String> found = http.get("/customers/C1/churn", KEY);
    assertEquals(200, found.statusCode(), found.body());
    assertEquals("application/json", found.headers().firstValue("content-type").orElse(""));
    JsonNode item = Requests.json(found);
    assertEquals("C1", item.get("customer_id").asText());
    assertEquals(0.75, item.get("probability").asDouble());
    HttpResponse<String> missing = http.get("/customers/C404/churn", KEY);
    assertEquals(404, missing.statusCode());
    assertTrue(Requests.json(missing).get("error").asText().contains("customer_id=C404"));
  }

  @Test
  void sqlBindsTheParameterWithItsTypeAndAnswersRows() {
    HttpResponse<String> day = http.get("/revenue/2024-01-01", KEY);
    assertEquals(200, day.statusCode(), day.body());
    assertEquals("[{\"order_date\":\"2024-01-01\",\"revenue\":14.75}]", day.body());
    assertEquals("[]", http.get("/revenue/2030-01-01", KEY).body());
    HttpResponse<String> bad = http.get("/revenue/yesterday';DROP", KEY);
    assertEquals(400, bad.statusCode());
    assertTrue(
        Requests.json(bad).get("error").asText().startsWith("parameter 'day': 'yesterday"),
        bad.body());
    HttpResponse<String> missing = http.get("/cross?a=1", KEY);
    assertEquals(400, missing.statusCode());
    assertEquals("missing parameter 'b'", Requests.json(missing).get("error").asText());
    // A value the query's own CAST refuses is the client's mistake too.
    HttpResponse<String> notANumber = http.get("/cross?a=1&b=two", KEY);
    assertEquals(400, notANumber.statusCode(), notANumber.body());
    assertTrue(notANumber.body().contains("Conversion Error"), notANumber.body());
  }

  @Test
  void aQueryOverItsTimeoutIs504AndIsCancelled() {
    // 10^10 rows to count: seconds of CPU, never 300 ms; bounded should the cancel not reach
    // DuckDB.
    HttpResponse<String> slow = http.get("/cross?a=100000&b=100000", KEY);
    assertEquals(504, slow.statusCode(), slow.body());
    assertTrue(Requests.json(slow).get("error").asText().contains("timed out after PT0.3S"));
    // The cancelled query does not hold the route: a small one answers at once.
    assertEquals("[{\"n\":6}]", http.get("/cross?a=2&b=3", KEY).body());
  }

  @Test
  void functionRoutesCallTheHandlerWithAnHttpApiEvent() {
    HttpResponse<String> r = http.get("/hello/ada?lang=en", KEY);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = Requests.json(r);
    assertEquals("hello, ada", body.get("greeting").asText());
    assertEquals("GET /hello/{name}", body.get("routeKey").asText());
    assertEquals("/hello/ada", body.get("rawPath").asText());
    assertEquals("en", body.get("queryStringParameters").get("lang").asText());
    assertTrue(body.get("remainingMs").asLong() > 0, r.body());
    assertEquals(body.get("requestId").asText(), r.headers().firstValue("x-request-id").get());
    assertTrue(r.headers().firstValue("apigw-requestid").isPresent());
    HttpResponse<String> fails = http.post("/fails", KEY, "{\"name\": \"x\"}");
    assertEquals(500, fails.statusCode());
    assertEquals("{\"message\":\"Internal Server Error\"}", fails.body());
    HttpResponse<String> blocks = http.post("/blocks", KEY, "{}");
    assertEquals(504, blocks.statusCode(), blocks.body());
  }

  @Test
  void keysAre401WhenMissingAnd403WhenUnknown() {
    HttpResponse<String> none = http.get("/customers/C1/churn", null);
    assertEquals(401, none.statusCode());
    assertTrue(Requests.json(none).get("error").asText().contains("x-api-key"));
    HttpResponse<String> unknown = http.get("/customers/C1/churn", "not-a-known-key");
    assertEquals(403, unknown.statusCode());
    assertEquals("unknown API key", Requests.json(unknown).get("error").asText());
  }

  @Test
  void aKeyOverItsBurstGets429WithRetryAfter() {
    // The bucket refills one token per 2 s while the burst is spent: a slow machine may get a few
    // more 200s than the burst before the first 429, never fewer.
    int ok = 0;
    HttpResponse<String> throttled = null;
    for (int i = 0; i < BURST + 20 && throttled == null; i++) {
      HttpResponse<String> r = http.get("/customers/C1/churn", THROTTLED_KEY);
      if (r.statusCode() == 429) {
        throttled = r;
      } else {
        assertEquals(200, r.statusCode(), "request " + i + ": " + r.body());
        ok++;
      }
    }
    assertTrue(throttled != null, "no 429 after " + ok + " requests");
    assertTrue(ok >= BURST, "throttled after " + ok + " requests, the burst is " + BURST);
    assertEquals("too many requests: throttled", Requests.json(throttled).get("error").asText());
    // rate 0.5/s: the next token is at most 2 s away.
    long retryAfter = Long.parseLong(throttled.headers().firstValue("retry-after").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
    // Per key: the other key is not throttled.
    assertEquals(200, http.get("/customers/C1/churn", KEY).statusCode());
  }

  @Test
  void metricsCountRequestsPerRouteAndStatusWithLatencyHistograms() {
    http.get("/customers/C404/churn", KEY);
    HttpResponse<String> metrics = http.get("/metrics", null);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
    List<String> lines = metrics.body().lines().toList();
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith("sluice_serve_requests_seconds_count{")
                        && l.contains("route=\"GET /customers/{id}/churn\"")
                        && l.contains("status=\"404\"")),
        metrics.body());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith("sluice_serve_requests_seconds_bucket{")
                        && l.contains("le=\"0.001\"")),
        "a latency histogram");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("sluice_serve_requests_in_flight")));
  }

  @Test
  void healthAndOpenApiAndUnknownPaths() {
    assertEquals("{\"status\":\"ok\"}", http.get("/health", null).body());
    JsonNode doc = Requests.json(http.get("/openapi.json", null));
    assertEquals("3.0.3", doc.get("openapi").asText());
    JsonNode kvGet = doc.get("paths").get("/customers/{id}/churn").get("get");
    assertEquals("id", kvGet.get("parameters").get(0).get("name").asText());
    assertEquals("path", kvGet.get("parameters").get(0).get("in").asText());
    JsonNode cross = doc.get("paths").get("/cross").get("get");
    assertEquals("query", cross.get("parameters").get(1).get("in").asText());
    assertTrue(doc.get("paths").get("/blocks").has("post"));
    assertEquals(
        "x-api-key",
        doc.get("components").get("securitySchemes").get("apiKey").get("name").asText());
    HttpResponse<String> nothing = http.get("/no/such/route", KEY);
    assertEquals(404, nothing.statusCode());
    assertEquals("no route GET /no/such/route", Requests.json(nothing).get("error").asText());
  }
}
