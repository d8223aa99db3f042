package io.sluice.functions;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Java sources of {@link HandlerJar}'s sample handlers (class name to text). */
final class HandlerSources {
  private HandlerSources() {}

  static Map<String, String> all() {
    Map<String, String> s = new LinkedHashMap<>();
    String p = "package " + HandlerJar.PACKAGE + ";\n";
    s.put(HandlerJar.PACKAGE + ".Json", p + JSON);
    s.put(HandlerJar.HELLO, p + HELLO);
    s.put(HandlerJar.FAILS, p + FAILS);
    s.put(HandlerJar.BLOCKS, p + BLOCKS);
    s.put(HandlerJar.RENDEZVOUS, p + RENDEZVOUS);
    s.put(HandlerJar.UPPER, p + UPPER);
    s.put(HandlerJar.GREETER, p + GREETER);
    s.put(HandlerJar.MAP_ECHO, p + MAP_ECHO);
    s.put(HandlerJar.SHADOW, p + SHADOW);
    s.put("org.slf4j.LoggerFactory", SHADOWED_LOGGER_FACTORY);
    s.put(HandlerJar.NO_DEFAULT_CONSTRUCTOR, p + NEEDS_ARGUMENT);
    s.put(HandlerJar.THROWS_IN_CONSTRUCTOR, p + BROKEN_INIT);
    s.put(HandlerJar.NOT_A_HANDLER, p + "public class NotAHandler { }\n");
    return s;
  }

  /** JSON by hand: the jar carries no JSON library. */
  private static final String JSON =
      """
      import java.util.List;
      import java.util.Map;

      final class Json {
        static String str(Object o) {
          if (o == null) {
            return "null";
          }
          StringBuilder b = new StringBuilder("\\"");
          for (char c : o.toString().toCharArray()) {
            if (c == '"' || c == '\\\\') {
              b.append('\\\\').append(c);
            } else if (c < 0x20) {
              b.append(String.format("\\\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
          return b.append('"').toString();
        }

        static String map(Map<String, ?> m) {
          if (m == null) {
            return "null";
          }
          StringBuilder b = new StringBuilder("{");
          for (Map.Entry<String, ?> e : m.entrySet()) {
            if (b.length() > 1) {
              b.append(',');
            }
            b.append(str(e.getKey())).append(':').append(str(e.getValue()));
          }
          return b.append('}').toString();
        }

        static String list(List<String> l) {
          if (l == null) {
            return "null";
          }
          StringBuilder b = new StringBuilder("[");
          for (String s : l) {
            if (b.length() > 1) {
              b.append(',');
            }
            b.append(str(s));
          }
          return b.append(']').toString();
        }
      }
      """;

  private static final String HELLO =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
      import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
      import java.util.Map;

      public class Hello implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        private int invocations;

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
          invocations++;
          String name = "world";
          if (event.getPathParameters() != null && event.getPathParameters().get("name") != null) {
            name = event.getPathParameters().get("name");
          } else if (event.getQueryStringParameters() != null
              && event.getQueryStringParameters().get("name") != null) {
            name = event.getQueryStringParameters().get("name");
          }
          context.getLogger().log("greeting " + name);
          String body = "{"
              + "\\"greeting\\":" + Json.str("hello, " + name)
              + ",\\"method\\":" + Json.str(event.getRequestContext().getHttp().getMethod())
              + ",\\"rawPath\\":" + Json.str(event.getRawPath())
              + ",\\"routeKey\\":" + Json.str(event.getRouteKey())
              + ",\\"pathParameters\\":" + Json.map(event.getPathParameters())
              + ",\\"queryStringParameters\\":" + Json.map(event.getQueryStringParameters())
              + ",\\"cookies\\":" + Json.list(event.getCookies())
              + ",\\"body\\":" + Json.str(event.getBody())
              + ",\\"isBase64Encoded\\":" + event.getIsBase64Encoded()
              + ",\\"requestId\\":" + Json.str(context.getAwsRequestId())
              + ",\\"functionName\\":" + Json.str(context.getFunctionName())
              + ",\\"memoryMb\\":" + context.getMemoryLimitInMB()
              + ",\\"remainingMs\\":" + context.getRemainingTimeInMillis()
              + ",\\"instance\\":" + System.identityHashCode(this)
              + ",\\"invocation\\":" + invocations
              + "}";
          return APIGatewayV2HTTPResponse.builder()
              .withStatusCode(200)
              .withHeaders(Map.of("content-type", "application/json", "x-request-id", context.getAwsRequestId()))
              .withBody(body)
              .build();
        }
      }
      """;

  private static final String FAILS =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;

      public class Fails implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
          throw new IllegalStateException("no greeting for " + event.get("name"));
        }
      }
      """;

  private static final String BLOCKS =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;
      import java.util.concurrent.CountDownLatch;

      public class Blocks implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "interrupted";
        }
      }
      """;

  private static final String RENDEZVOUS =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;
      import java.util.concurrent.CyclicBarrier;
      import java.util.concurrent.TimeUnit;

      public class Rendezvous implements RequestHandler<Map<String, Object>, String> {
        private static final CyclicBarrier TWO = new CyclicBarrier(2);
        private boolean busy;

        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
          synchronized (this) {
            if (busy) {
              throw new IllegalStateException("two invocations at once on one instance");
            }
            busy = true;
          }
          try {
            TWO.await(10, TimeUnit.SECONDS);
            return "instance " + System.identityHashCode(this);
          } catch (Exception e) {
            throw new IllegalStateException("the other invocation did not come: " + e);
          } finally {
            synchronized (this) {
              busy = false;
            }
          }
        }
      }
      """;

  private static final String UPPER =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
      import java.io.IOException;
      import java.io.InputStream;
      import java.io.OutputStream;
      import java.nio.charset.StandardCharsets;
      import java.util.Locale;

      public class Upper implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          out.write(text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        }
      }
      """;

  private static final String GREETER =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;

      public class Greeter implements RequestHandler<Greeter.Request, Greeter.Response> {
        public static class Request {
          private String name;
          public String getName() { return name; }
          public void setName(String name) { this.name = name; }
        }

        public static class Response {
          private String greeting;
          public Response() {}
          public Response(String greeting) { this.greeting = greeting; }
          public String getGreeting() { return greeting; }
          public void setGreeting(String greeting) { this.greeting = greeting; }
        }

        @Override
        public Response handleRequest(Request request, Context context) {
          return new Response("hello, " + request.getName());
        }
      }
      """;

  private static final String MAP_ECHO =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.LinkedHashMap;
      import java.util.Map;

      public class MapEcho implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
          Map<String, Object> out = new LinkedHashMap<>();
          if ("/created".equals(event.get("rawPath"))) {
            out.put("statusCode", 201);
            out.put("headers", Map.of("x-kind", "map"));
            out.put("body", "created");
          } else {
            out.put("routeKey", event.get("routeKey"));
          }
          return out;
        }
      }
      """;

  private static final String SHADOW =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;

      public class Shadow implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
          return org.slf4j.LoggerFactory.origin();
        }
      }
      """;

  /** A library class the host has too, in the jar's own (different) version. */
  private static final String SHADOWED_LOGGER_FACTORY =
      """
      package org.slf4j;

      public final class LoggerFactory {
        public static String origin() {
          return "%s";
        }
      }
      """
          .formatted(HandlerJar.SHADOW_ORIGIN);

  private static final String NEEDS_ARGUMENT =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;

      public class NeedsArgument implements RequestHandler<String, String> {
        public NeedsArgument(String table) {}

        @Override
        public String handleRequest(String event, Context context) {
          return event;
        }
      }
      """;

  private static final String BROKEN_INIT =
      """
      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;

      public class BrokenInit implements RequestHandler<String, String> {
        public BrokenInit() {
          throw new IllegalStateException("missing setting TABLE");
        }

        @Override
        public String handleRequest(String event, Context context) {
          return event;
        }
      }
      """;
}
