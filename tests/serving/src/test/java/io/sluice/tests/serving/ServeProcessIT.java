package io.sluice.tests.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.functions.HandlerJar;
import io.sluice.testing.SluiceProcess;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice serve} as a user runs it, in a child JVM: it prints where it serves, and SIGTERM
 * while requests are in flight lets them finish (200) and exits 0; one JSON access-log line per
 * request on stderr, with the key's id and never the key.
 */
class ServeProcessIT {

  private static final String KEY = "serve-process-key-1";
  private static final String HANDLER = "com.example.slow.Sleeps";
  private static final Pattern SERVING = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)");

  /** Sleeps {@code ms} (query parameter) and answers {"slept": ms}. */
  private static final String SLEEPS =
      """
      package com.example.slow;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
      import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

      public class Sleeps implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
          long ms = Long.parseLong(event.getQueryStringParameters().get("ms"));
          try {
            Thread.sleep(ms);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
              .withBody("{\\"slept\\":" + ms + "}").build();
        }
      }
      """;

  @TempDir Path dir;

  @Test
  @Timeout(180)
  void sigtermFinishesTheRequestsInFlightAndExitsZero() throws Exception {
    Path jar = HandlerJar.jar(dir.resolve("slow.jar"), Map.of(HANDLER, SLEEPS), Map.of());
    Files.writeString(dir.resolve("keys.txt"), KEY + "\n");
    Files.writeString(
        dir.resolve("api.yaml"),
        """
        routes:
          - route: GET /sleep
            function: {handler: %s}
        api-keys: keys.txt
        """
            .formatted(HANDLER));
    try (SluiceProcess serve =
        SluiceProcess.cli("serve", "api.yaml", "--port", "0", "--jar", jar.toString())
            .workDir(dir)
            .timeoutSeconds(150)
            .start()) {
      URI base = awaitServing(serve);
      Requests http = new Requests(base);
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        inFlight.add(
            http.client()
                .sendAsync(
                    http.request("/sleep?ms=1500", KEY).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
      }
      awaitInFlight(http, 3);
      serve.process().destroy(); // SIGTERM
      for (CompletableFuture<HttpResponse<String>> f : inFlight) {
        HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"slept\":1500}", r.body());
      }
      SluiceProcess.Result result = serve.await(Duration.ofSeconds(60));
      assertEquals(0, result.exitCode(), result.all());
      assertTrue(result.stderr().contains("serve: stopping"), result.stderr());
      List<JsonNode> access = accessLines(result.stderr(), "GET /sleep");
      assertEquals(3, access.size(), result.stderr());
      for (JsonNode line : access) {
        assertEquals(200, line.get("status").asInt());
        assertEquals(8, line.get("key_id").asText().length());
        assertTrue(line.get("latency_ms").asDouble() >= 1500, line.toString());
      }
      assertFalse(result.all().contains(KEY), "the key never reaches the output");
    }
  }

  private static URI awaitServing(SluiceProcess serve) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(serve.stdout());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      if (!serve.process().isAlive()) {
        throw new AssertionError("serve exited: " + serve.describe());
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling the child's stdout file, bounded above
    }
    throw new AssertionError("serve did not print its URL: " + serve.describe());
  }

  /** Polls the gateway's in-flight gauge until {@code n} requests are inside (bounded). */
  private static void awaitInFlight(Requests http, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      last =
          http.get("/metrics", null)
              .body()
              .lines()
              .filter(l -> l.startsWith("sluice_serve_requests_in_flight"))
              .findFirst()
              .orElse("");
      if (last.endsWith(" " + n + ".0")) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(20); // polling a gauge, bounded above
    }
    throw new AssertionError("never " + n + " requests in flight; last: " + last);
  }

  private static List<JsonNode> accessLines(String stderr, String route) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : stderr.lines().toList()) {
      int json = line.indexOf("{\"time\"");
      if (json >= 0) {
        JsonNode node = Requests.JSON.readTree(line.substring(json));
        if (route.equals(node.get("route").asText())) {
          lines.add(node);
        }
      }
    }
    return lines;
  }
}
