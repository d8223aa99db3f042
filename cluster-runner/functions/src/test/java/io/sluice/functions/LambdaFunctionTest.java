package io.sluice.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.errors.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handlers of a jar built by the test, invoked through {@link FunctionJars}. */
class LambdaFunctionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static Path jar;
  static FunctionJars jars;

  @BeforeAll
  static void buildJar() {
    jar = HandlerJar.build(dir.resolve("handlers.jar"));
    jars = FunctionJars.open(List.of(jar));
  }

  @AfterAll
  static void close() {
    jars.close();
  }

  private static APIGatewayV2HTTPEvent helloEvent(String requestId) {
    return HandlerJar.helloRequest(
        "x=1&x=2", Map.of("Cookie", List.of("a=1; b=2"), "User-Agent", List.of("test")), requestId);
  }

  @Test
  void httpHandlerGetsTheEventAndAContextAndItsInstanceIsReused() throws Exception {
    LambdaFunction hello = jars.function(HandlerJar.HELLO);
    assertTrue(hello.takesHttpEvents());
    assertEquals(HandlerJar.HELLO, hello.handler());
    assertTrue(hello.initDuration().toNanos() > 0);

    FunctionInvocation<APIGatewayV2HTTPResponse> first =
        hello.invokeHttpReported(helloEvent("r-1"), TIMEOUT);
    APIGatewayV2HTTPResponse response = first.output();
    assertEquals(200, response.getStatusCode());
    JsonNode body = JSON.readTree(response.getBody());
    assertEquals("hello, ada", body.get("greeting").asText());
    assertEquals("GET", body.get("method").asText());
    assertEquals("/hello/ada", body.get("rawPath").asText());
    assertEquals("GET /hello/{name}", body.get("routeKey").asText());
    assertEquals("1,2", body.get("queryStringParameters").get("x").asText());
    assertEquals(
        List.of("a=1", "b=2"),
        List.of(body.get("cookies").get(0).asText(), body.get("cookies").get(1).asText()));
    // The Context: a fresh request id (not the HTTP one), the function's name and memory, time
    // left.
    String requestId = body.get("requestId").asText();
    assertEquals(first.requestId(), requestId);
    assertEquals(requestId, response.getHeaders().get("x-request-id"));
    assertNotEquals("r-1", requestId);
    assertEquals("Hello", body.get("functionName").asText());
    assertEquals(FunctionSettings.DEFAULT_MEMORY_MB, body.get("memoryMb").asInt());
    int remaining = body.get("remainingMs").asInt();
    assertTrue(remaining > 0 && remaining <= TIMEOUT.toMillis(), "remaining " + remaining);
    assertEquals(1, body.get("invocation").asInt());
    assertEquals(hello.initDuration(), first.initDuration().orElseThrow());

    FunctionInvocation<APIGatewayV2HTTPResponse> second =
        hello.invokeHttpReported(helloEvent("r-2"), Duration.ofSeconds(2));
    JsonNode again = JSON.readTree(second.output().getBody());
    assertEquals(body.get("instance"), again.get("instance"));
    assertEquals(2, again.get("invocation").asInt());
    assertTrue(second.initDuration().isEmpty(), "a warm invocation reports no init");
    assertNotEquals(requestId, second.requestId());
    assertTrue(again.get("remainingMs").asInt() <= 2000, "counts down from this call's timeout");
    assertEquals(1, hello.instances());
  }

  @Test
  void jsonEventDeserializesAsOnLambda() throws Exception {
    LambdaFunction hello = jars.function(HandlerJar.HELLO);
    String event =
        """
        {"version":"2.0","routeKey":"POST /hello","rawPath":"/hello","rawQueryString":"name=grace",
         "queryStringParameters":{"name":"grace"},"headers":{"content-type":"text/plain"},
         "requestContext":{"http":{"method":"POST","path":"/hello","protocol":"HTTP/1.1",
           "sourceIp":"192.0.2.1","userAgent":"curl"},"requestId":"id","routeKey":"POST /hello",
           "stage":"$default","timeEpoch":1583348638390},
         "body":"aGk=","isBase64Encoded":true}
        """;
    JsonNode out = JSON.readTree(hello.invokeJson(event.getBytes(StandardCharsets.UTF_8), TIMEOUT));
    assertEquals(200, out.get("statusCode").asInt());
    JsonNode body = JSON.readTree(out.get("body").asText());
    assertEquals("hello, grace", body.get("greeting").asText());
    assertEquals("POST", body.get("method").asText());
    assertTrue(body.get("isBase64Encoded").asBoolean());
    assertEquals("aGk=", body.get("body").asText());
  }

  @Test
  void pojoAndStreamHandlers() throws Exception {
    LambdaFunction greeter = jars.function(HandlerJar.GREETER);
    assertEquals(
        "hello, ada",
        JSON.readTree(greeter.invokeJson(bytes("{\"name\":\"ada\"}"), TIMEOUT))
            .get("greeting")
            .asText());
    LambdaFunction upper = jars.function(HandlerJar.UPPER + "::handleRequest");
    assertEquals(
        "{\"A\":\"B\"}",
        new String(upper.invokeJson(bytes("{\"a\":\"b\"}"), TIMEOUT), StandardCharsets.UTF_8));
  }

  @Test
  void anyHandlerServesHttpAsApiGatewayReadsItsOutput() {
    LambdaFunction echo = jars.function(HandlerJar.MAP_ECHO);
    assertFalse(echo.takesHttpEvents());
    APIGatewayV2HTTPResponse created =
        echo.invokeHttp(
            HttpApiEvents.event(
                "POST", "/created", "POST /created", null, null, Map.of(), null, "127.0.0.1", "r"),
            TIMEOUT);
    assertEquals(201, created.getStatusCode());
    assertEquals("map", created.getHeaders().get("x-kind"));
    assertEquals("created", created.getBody());
    APIGatewayV2HTTPResponse plain =
        echo.invokeHttp(
            HttpApiEvents.event(
                "GET", "/other", "GET /other", null, null, Map.of(), null, "127.0.0.1", "r"),
            TIMEOUT);
    assertEquals(200, plain.getStatusCode());
    assertEquals("application/json", plain.getHeaders().get("content-type"));
    assertEquals("{\"routeKey\":\"GET /other\"}", plain.getBody());
  }

  @Test
  void aNullResponseIsTheJsonNullAsApiGatewayGetsIt() {
    APIGatewayV2HTTPResponse response =
        jars.function(HandlerJar.RETURNS_NULL).invokeHttp(helloEvent("r"), TIMEOUT);
    assertEquals(200, response.getStatusCode());
    assertEquals("null", response.getBody());
  }

  @Test
  void closedJarsInvokeNothing() {
    LambdaFunction greeter;
    try (FunctionJars other = FunctionJars.open(List.of(jar))) {
      greeter = other.function(HandlerJar.GREETER);
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> greeter.invokeJson(bytes("{}"), TIMEOUT));
    assertTrue(e.getMessage().contains("are closed"), e.getMessage());
  }

  @Test
  void handlerExceptionIsAFunctionErrorAndTheInstanceStays() {
    LambdaFunction fails = jars.function(HandlerJar.FAILS);
    FunctionFailedException e =
        assertThrows(
            FunctionFailedException.class,
            () -> fails.invokeJson(bytes("{\"name\":\"ada\"}"), TIMEOUT));
    assertFalse(e instanceof UserError);
    assertEquals("java.lang.IllegalStateException", e.errorType());
    assertEquals("no greeting for ada", e.errorMessage());
    assertEquals(
        "handler "
            + HandlerJar.FAILS
            + " failed: java.lang.IllegalStateException: no greeting for ada",
        e.getMessage());
    assertEquals(1, fails.instances());
  }

  @Test
  void timeoutInterruptsTheHandlerAndDropsTheInstance() {
    LambdaFunction blocks = jars.function(HandlerJar.BLOCKS);
    FunctionTimeoutException e =
        assertThrows(
            FunctionTimeoutException.class,
            () -> blocks.invokeJson(bytes("{}"), Duration.ofMillis(200)));
    assertEquals("Task timed out after 0.20 seconds", e.errorMessage());
    assertEquals(Duration.ofMillis(200), e.timeout());
    assertEquals(0, blocks.instances());
  }

  @Test
  void concurrentInvocationsRunInParallelOnTwoInstances() throws Exception {
    LambdaFunction rendezvous = jars.function(HandlerJar.RENDEZVOUS);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      Future<FunctionInvocation<byte[]>> a =
          callers.submit(() -> rendezvous.invokeReported(bytes("{}"), TIMEOUT));
      Future<FunctionInvocation<byte[]>> b =
          callers.submit(() -> rendezvous.invokeReported(bytes("{}"), TIMEOUT));
      FunctionInvocation<byte[]> first = a.get(20, TimeUnit.SECONDS);
      FunctionInvocation<byte[]> second = b.get(20, TimeUnit.SECONDS);
      assertNotEquals(
          new String(first.output(), StandardCharsets.UTF_8),
          new String(second.output(), StandardCharsets.UTF_8));
      assertEquals(2, rendezvous.instances());
      // Both were cold starts: the first instance and the one created for the second caller.
      assertTrue(first.initDuration().isPresent() && second.initDuration().isPresent());
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void theJarsOwnLibraryCopyStaysInsideAndLambdaClassesAreShared() throws Exception {
    LambdaFunction shadow = jars.function(HandlerJar.SHADOW);
    assertEquals(
        "\"" + HandlerJar.SHADOW_ORIGIN + "\"",
        new String(shadow.invokeJson(bytes("{}"), TIMEOUT), StandardCharsets.UTF_8));
    ClassLoader loader = jars.classLoader();
    Class<?> theirs = loader.loadClass("org.slf4j.LoggerFactory");
    assertNotEquals(org.slf4j.LoggerFactory.class, theirs);
    assertSame(org.slf4j.LoggerFactory.class, Class.forName("org.slf4j.LoggerFactory"));
    assertThrows(
        ClassNotFoundException.class, () -> loader.loadClass(FunctionJars.class.getName()));
    assertSame(RequestHandler.class, loader.loadClass(RequestHandler.class.getName()));
    assertSame(
        APIGatewayV2HTTPEvent.class, loader.loadClass(APIGatewayV2HTTPEvent.class.getName()));
  }

  @Test
  void badEventIsTheUsersError() {
    LambdaFunction greeter = jars.function(HandlerJar.GREETER);
    FunctionException e =
        assertThrows(FunctionException.class, () -> greeter.invokeJson(bytes("[1, 2]"), TIMEOUT));
    assertInstanceOf(UserError.class, e);
    assertTrue(
        e.getMessage()
            .startsWith("the event does not deserialize into " + HandlerJar.GREETER + "$Request"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void unusableHandlersNameTheClassAndTheJars() {
    assertFunctionError(
        HandlerJar.PACKAGE + ".Missing",
        "handler class " + HandlerJar.PACKAGE + ".Missing not found in " + jar);
    assertFunctionError(
        HandlerJar.NOT_A_HANDLER,
        "implements neither com.amazonaws.services.lambda.runtime.RequestHandler nor RequestStreamHandler");
    assertFunctionError(HandlerJar.NO_DEFAULT_CONSTRUCTOR, "has no public no-argument constructor");
    assertFunctionError(
        HandlerJar.THROWS_IN_CONSTRUCTOR,
        "constructing handler "
            + HandlerJar.THROWS_IN_CONSTRUCTOR
            + " (from "
            + jar
            + ") failed: java.lang.IllegalStateException: missing setting TABLE");
    assertFunctionError(HandlerJar.HELLO + "::other", "only handleRequest");
    assertFunctionError("not a class", "is not a Java class name");
  }

  @Test
  void aHandlerWhoseInputTypeIsMissingFromItsJars() throws Exception {
    String handler = "com.example.partial.UsesPayload";
    Path full =
        HandlerJar.jar(
            dir.resolve("full.jar"),
            Map.of(
                "com.example.partial.Payload",
                "package com.example.partial; public class Payload { public String name; }",
                handler,
                """
                package com.example.partial;
                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                public class UsesPayload implements RequestHandler<Payload, String> {
                  public String handleRequest(Payload p, Context c) { return p.name; }
                }
                """),
            Map.of());
    // The same jar without Payload, as a build that forgot a dependency would make it.
    Path partial = dir.resolve("partial.jar");
    try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(full.toFile());
        java.util.zip.ZipOutputStream out =
            new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(partial))) {
      for (java.util.zip.ZipEntry e : java.util.Collections.list(in.entries())) {
        if (!e.getName().equals("com/example/partial/Payload.class")) {
          out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
          in.getInputStream(e).transferTo(out);
          out.closeEntry();
        }
      }
    }
    try (FunctionJars broken = FunctionJars.open(List.of(partial))) {
      FunctionException e = assertThrows(FunctionException.class, () -> broken.function(handler));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "handler class " + handler + " in " + partial + " names a type that cannot be"),
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  private static void assertFunctionError(String handler, String expected) {
    FunctionException e = assertThrows(FunctionException.class, () -> jars.function(handler));
    assertInstanceOf(UserError.class, e);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(
        e.getMessage().contains(handler.split("::")[0]) || handler.contains(" "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void unusableJars() throws Exception {
    assertEquals(
        "no function jar given: name the jar that holds the handler",
        assertThrows(FunctionException.class, () -> FunctionJars.open(List.of())).getMessage());
    Path missing = dir.resolve("missing.jar");
    assertEquals(
        "function jar " + missing + " does not exist or is not a file",
        assertThrows(FunctionException.class, () -> FunctionJars.open(List.of(missing)))
            .getMessage());
    Path text = java.nio.file.Files.writeString(dir.resolve("text.jar"), "not a zip");
    assertTrue(
        assertThrows(FunctionException.class, () -> FunctionJars.open(List.of(text)))
            .getMessage()
            .startsWith("function jar " + text + " is not a readable jar"));
  }

  @Test
  void settingsReachTheContext() throws Exception {
    LambdaFunction hello =
        jars.function(HandlerJar.HELLO, new FunctionSettings("greeter-fn", 1024));
    JsonNode body = JSON.readTree(hello.invokeHttp(helloEvent("r"), TIMEOUT).getBody());
    assertEquals("greeter-fn", body.get("functionName").asText());
    assertEquals(1024, body.get("memoryMb").asInt());
    assertNull(body.get("pathParameters").get("missing"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
