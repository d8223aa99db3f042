package io.sluice.tests.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.kv.DynamoDbKeyValueStore;
import io.sluice.kv.Json;
import io.sluice.kv.KeyAttribute;
import io.sluice.kv.KeySchema;
import io.sluice.serve.ApiFile;
import io.sluice.serve.Gateway;
import io.sluice.testing.DynamoDbServer;
import io.sluice.testing.SluiceTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kv-get whose store stalls past the route's timeout answers 504 (the read runs on the request's
 * thread and stops there, through the store's own timeout), and the gateway answers the next
 * request. The store is dynalite behind a loopback proxy that holds GetItem calls unanswered.
 */
@SluiceTest
class KvGetTimeoutIT {

  @Test
  void aKvGetOverItsTimeoutIs504AndTheGatewayAnswersOn(DynamoDbServer kv, @TempDir Path dir)
      throws Exception {
    kv.store().createTableIfMissing("slow", KeySchema.of(KeyAttribute.parse("id")));
    kv.store().put("slow", Json.toItem("{\"id\": \"a\"}"));
    Path api = dir.resolve("api.yaml");
    Files.writeString(
        api,
        """
        routes:
          - route: GET /slow/{id}
            kv-get: {table: slow, key: id}
            timeout: 300ms
        """);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newCachedThreadPool();
    HttpServer proxy =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    proxy.setExecutor(threads);
    proxy.createContext(
        "/",
        exchange -> {
          try {
            forward(exchange, URI.create(kv.endpoint()), upstream, release);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            exchange.close();
          }
        });
    proxy.start();
    try (DynamoDbKeyValueStore stalling =
            new DynamoDbKeyValueStore(
                kv.config()
                    .withLocalEndpoint(
                        URI.create("http://127.0.0.1:" + proxy.getAddress().getPort())));
        Gateway gateway =
            Gateway.builder(ApiFile.load(api)).port(0).keyValueStore(() -> stalling).start()) {
      Requests http = new Requests(gateway.uri());
      HttpResponse<String> slow = http.get("/slow/a", null);
      assertEquals(504, slow.statusCode(), slow.body());
      assertEquals(
          "route GET /slow/{id} timed out after PT0.3S", Requests.json(slow).get("error").asText());
      assertEquals(200, http.get("/health", null).statusCode());
    } finally {
      release.countDown();
      proxy.stop(0);
      threads.shutdownNow();
    }
  }

  /** Passes a call on to dynalite, except GetItem, which waits for {@code release} first. */
  private static void forward(
      HttpExchange exchange, URI upstream, HttpClient client, CountDownLatch release)
      throws IOException, InterruptedException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (target != null && target.endsWith(".GetItem")) {
      // Bounded: the test releases it when it ends.
      release.await(60, TimeUnit.SECONDS);
      return;
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (name.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz")
                  || name.equalsIgnoreCase("authorization")
                  || name.equalsIgnoreCase("content-type")) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> answer =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    answer
        .headers()
        .firstValue("content-type")
        .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }
}
