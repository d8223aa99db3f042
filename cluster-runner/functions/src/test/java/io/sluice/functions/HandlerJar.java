package io.sluice.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.sluice.testing.SourceJar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds a jar of Lambda handlers at test time, as a user's build would: sources compiled with the
 * JDK's compiler against {@code aws-lambda-java-core} and {@code aws-lambda-java-events} (on the
 * test classpath), jarred. The handlers use only the JDK and those interfaces, so the same jar
 * would deploy to Lambda. Other modules' tests reuse it through this module's test-jar.
 *
 * <p>{@link #build(Path)} writes the sample handlers below; {@link #jar} compiles any sources.
 */
public final class HandlerJar {

  /** The package of the sample handlers; outside io.sluice, as a user's would be. */
  public static final String PACKAGE = "com.example.functions";

  /**
   * {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>}: 200 with a JSON body
   * echoing the request (greeting "hello, NAME" where NAME is the path parameter {@code name}, else
   * the query parameter, else "world"; method, rawPath, routeKey, pathParameters,
   * queryStringParameters, cookies, body, isBase64Encoded) and the context (requestId,
   * functionName, memoryMb, remainingMs), the instance's identity and its invocation count; header
   * {@code x-request-id} is the context's request id. Logs one line through the context's logger.
   */
  public static final String HELLO = PACKAGE + ".Hello";

  /**
   * {@code RequestHandler<Map<String,Object>, String>} throwing IllegalStateException "no greeting
   * for NAME".
   */
  public static final String FAILS = PACKAGE + ".Fails";

  /** {@code RequestHandler<Map<String,Object>, String>} that waits until interrupted. */
  public static final String BLOCKS = PACKAGE + ".Blocks";

  /**
   * {@code RequestHandler<Map<String,Object>, String>}: waits (10 s at most) until a second
   * invocation is inside too, then returns "instance " and its instance's identity; throws if one
   * instance is entered twice at once. Two concurrent invocations pass only when they run in
   * parallel on two instances.
   */
  public static final String RENDEZVOUS = PACKAGE + ".Rendezvous";

  /** {@code RequestStreamHandler}: writes its input upper-cased. */
  public static final String UPPER = PACKAGE + ".Upper";

  /**
   * {@code RequestHandler<Greeter.Request, Greeter.Response>} (POJOs): {"name":"ada"} ->
   * {"greeting":"hello, ada"}.
   */
  public static final String GREETER = PACKAGE + ".Greeter";

  /**
   * {@code RequestHandler<Map<String,Object>, Map<String,Object>>}: for rawPath {@code /created} a
   * map with statusCode 201, header x-kind: map and body "created"; else {"routeKey": the event's}.
   */
  public static final String MAP_ECHO = PACKAGE + ".MapEcho";

  /** Returns {@code org.slf4j.LoggerFactory.origin()}: the jar's own copy of that class. */
  public static final String SHADOW = PACKAGE + ".Shadow";

  /** What the jar's own {@code org.slf4j.LoggerFactory.origin()} returns. */
  public static final String SHADOW_ORIGIN = "the function's own LoggerFactory";

  /** {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>} returning null. */
  public static final String RETURNS_NULL = PACKAGE + ".ReturnsNull";

  /** A handler whose only constructor takes an argument. */
  public static final String NO_DEFAULT_CONSTRUCTOR = PACKAGE + ".NeedsArgument";

  /** A handler whose constructor throws IllegalStateException "missing setting TABLE". */
  public static final String THROWS_IN_CONSTRUCTOR = PACKAGE + ".BrokenInit";

  /** A public class implementing no handler interface. */
  public static final String NOT_A_HANDLER = PACKAGE + ".NotAHandler";

  private HandlerJar() {}

  /** Compiles the sample handlers and writes the jar; returns its absolute path. */
  public static Path build(Path jar) {
    return jar(jar, HandlerSources.all(), Map.of());
  }

  /**
   * Compiles {@code sources} (class name to Java text) against the test classpath and jars the
   * classes with {@code resources} (entry name to text).
   */
  public static Path jar(Path jar, Map<String, String> sources, Map<String, String> resources) {
    return SourceJar.build(jar, sources, resources, "the handlers");
  }

  /**
   * An API Gateway request (payload 2.0) from 127.0.0.1 to {@link #HELLO}'s route {@code GET
   * /hello/{name}} for {@code ada}, without a body.
   */
  public static APIGatewayV2HTTPEvent helloRequest(
      String rawQuery, Map<String, List<String>> headers, String requestId) {
    return HttpApiEvents.event(
        "GET",
        "/hello/ada",
        "GET /hello/{name}",
        Map.of("name", "ada"),
        rawQuery,
        headers,
        null,
        "127.0.0.1",
        requestId);
  }

  /** The classpath the test runs with (Surefire and Failsafe name it). */
  public static String testClasspath() {
    return SourceJar.testClasspath();
  }
}
