package io.sluice.kv;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An HTTP proxy in front of a real DynamoDB API server that misbehaves the way DynamoDB does under
 * load, for the first BatchWriteItem calls only: call 1 of every 4 is refused with
 * ProvisionedThroughputExceededException (nothing written), call 2 of every 4 writes only the first
 * half of its items and hands the rest back as UnprocessedItems. Everything else passes through.
 */
final class FaultInjectingDynamoDbProxy implements AutoCloseable {

  private static final Set<String> HOP_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "transfer-encoding", "upgrade");

  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger batchCalls = new AtomicInteger();

  /**
   * Faults go into the first calls only: with several batches in flight retrying in step, one batch
   * can keep landing on the same call number modulo 4, and a fault on every call for good would
   * then exhaust its attempts (10 by default). In 32 calls no batch gets more than 8 faults.
   */
  private static final int FAULTY_CALLS = 32;

  final AtomicInteger throttled = new AtomicInteger();
  final AtomicInteger partial = new AtomicInteger();
  final AtomicInteger itemsHeldBack = new AtomicInteger();

  FaultInjectingDynamoDbProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      if (!target.endsWith(".BatchWriteItem")) {
        HttpResponse<byte[]> r = forward(exchange, body);
        reply(exchange, r.statusCode(), r.body());
        return;
      }
      int call = batchCalls.incrementAndGet();
      if (call > FAULTY_CALLS) {
        HttpResponse<byte[]> r = forward(exchange, body);
        reply(exchange, r.statusCode(), r.body());
        return;
      }
      if (call % 4 == 1) {
        throttled.incrementAndGet();
        reply(
            exchange,
            400,
            ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"injected: the level of configured provisioned throughput for the table was exceeded\"}")
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (call % 4 == 2) {
        Map<String, AttributeValue> request =
            EnhancedDocument.fromJson(new String(body, StandardCharsets.UTF_8)).toMap();
        Map<String, AttributeValue> tables = request.get("RequestItems").m();
        String table = tables.keySet().iterator().next();
        List<AttributeValue> writes = tables.get(table).l();
        if (writes.size() >= 2) {
          int keep = writes.size() / 2;
          Map<String, AttributeValue> forwarded = new LinkedHashMap<>(request);
          forwarded.put(
              "RequestItems",
              AttributeValue.fromM(Map.of(table, AttributeValue.fromL(writes.subList(0, keep)))));
          HttpResponse<byte[]> r =
              forward(
                  exchange,
                  EnhancedDocument.fromAttributeValueMap(forwarded)
                      .toJson()
                      .getBytes(StandardCharsets.UTF_8));
          if (r.statusCode() != 200) {
            reply(exchange, r.statusCode(), r.body());
            return;
          }
          partial.incrementAndGet();
          itemsHeldBack.addAndGet(writes.size() - keep);
          Map<String, AttributeValue> response =
              Map.of(
                  "UnprocessedItems",
                  AttributeValue.fromM(
                      Map.of(table, AttributeValue.fromL(writes.subList(keep, writes.size())))));
          reply(
              exchange,
              200,
              EnhancedDocument.fromAttributeValueMap(response)
                  .toJson()
                  .getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
      HttpResponse<byte[]> r = forward(exchange, body);
      reply(exchange, r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().getPath()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> b.header(name, v));
              }
            });
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    // No x-amz-crc32: the body may be rewritten, and the SDK checks that header only when present.
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
