package io.sluice.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP requests as the events API Gateway's HTTP APIs send to Lambda with payload format 2.0:
 * {@code version} "2.0"; the {@code routeKey} ("GET /x/{id}" or "$default"); {@code rawPath} and
 * {@code rawQueryString} as received; header names lower-cased, repeated headers joined with
 * commas; the {@code cookie} header moved into {@code cookies}, one entry per cookie; {@code
 * queryStringParameters} decoded, repeated names joined with commas, absent when there are none;
 * {@code pathParameters} absent when the route has none; a text body as is and any other body
 * base64-encoded with {@code isBase64Encoded}; and {@code requestContext} with {@code http}
 * (method, path, protocol, sourceIp, userAgent), the request id, stage {@code $default}, {@code
 * time} and {@code timeEpoch}.
 *
 * <p>A body counts as text when it is valid UTF-8 and its content type is {@code text/*}, JSON,
 * XML, JavaScript, a form, or absent; anything else is base64-encoded.
 */
public final class HttpApiEvents {

  /** The API id and account requests are reported under: no real API serves them. */
  public static final String LOCAL_API_ID = "sluice";

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private HttpApiEvents() {}

  /** The event of a request received now. */
  public static APIGatewayV2HTTPEvent event(
      String method,
      String rawPath,
      String routeKey,
      Map<String, String> pathParameters,
      String rawQueryString,
      Map<String, List<String>> headers,
      byte[] body,
      String sourceIp,
      String requestId) {
    Map<String, String> lowerCased = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    if (headers != null) {
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        String name = h.getKey().toLowerCase(Locale.ROOT);
        List<String> values = h.getValue() == null ? List.of() : h.getValue();
        if (name.equals("cookie")) {
          for (String v : values) {
            for (String cookie : v.split(";")) {
              if (!cookie.isBlank()) {
                cookies.add(cookie.strip());
              }
            }
          }
          continue;
        }
        lowerCased.merge(name, String.join(",", values), (a, b) -> a + "," + b);
      }
    }
    String host = lowerCased.getOrDefault("host", "localhost");
    String domainName = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
    APIGatewayV2HTTPEvent.RequestContext.Http http =
        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
            .withMethod(method.toUpperCase(Locale.ROOT))
            .withPath(rawPath)
            .withProtocol("HTTP/1.1")
            .withSourceIp(sourceIp)
            .withUserAgent(lowerCased.get("user-agent"))
            .build();
    APIGatewayV2HTTPEvent.RequestContext context =
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withAccountId(FunctionContext.LOCAL_ACCOUNT)
            .withApiId(LOCAL_API_ID)
            .withDomainName(domainName)
            .withDomainPrefix(domainName.split("\\.", 2)[0])
            .withHttp(http)
            .withRequestId(requestId)
            .withRouteKey(routeKey)
            .withStage("$default")
            .build();
    APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
    event.setVersion("2.0");
    event.setRouteKey(routeKey);
    event.setRawPath(rawPath);
    event.setRawQueryString(rawQueryString == null ? "" : rawQueryString);
    event.setCookies(cookies.isEmpty() ? null : cookies);
    event.setHeaders(lowerCased);
    event.setQueryStringParameters(queryParameters(rawQueryString));
    event.setPathParameters(
        pathParameters == null || pathParameters.isEmpty()
            ? null
            : new LinkedHashMap<>(pathParameters));
    event.setRequestContext(context);
    if (body != null && body.length > 0) {
      String text = isText(lowerCased.get("content-type")) ? utf8(body) : null;
      event.setIsBase64Encoded(text == null);
      event.setBody(text != null ? text : Base64.getEncoder().encodeToString(body));
    } else {
      event.setIsBase64Encoded(false);
    }
    return receivedAt(event, Instant.now());
  }

  /** Sets when the request was received: the context's {@code time} and {@code timeEpoch}. */
  static APIGatewayV2HTTPEvent receivedAt(APIGatewayV2HTTPEvent event, Instant time) {
    event.getRequestContext().setTime(REQUEST_TIME.format(time));
    event.getRequestContext().setTimeEpoch(time.toEpochMilli());
    return event;
  }

  /** The event as the JSON API Gateway sends (Lambda's own event serializer). */
  public static byte[] toJson(APIGatewayV2HTTPEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventSerializer.INSTANCE.toJson(event, out);
    return out.toByteArray();
  }

  /** Created on first use: building Lambda's event serializer takes a while. */
  private static final class EventSerializer {
    static final PojoSerializer<Object> INSTANCE =
        EventJson.serializerFor(APIGatewayV2HTTPEvent.class);
  }

  /** Decoded query parameters, repeated names joined with commas; null when there are none. */
  static Map<String, String> queryParameters(String rawQueryString) {
    if (rawQueryString == null || rawQueryString.isEmpty()) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : rawQueryString.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters.isEmpty() ? null : parameters;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s; // a stray '%': passed on as received
    }
  }

  static boolean isText(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.equals("application/json")
        || type.endsWith("+json")
        || type.equals("application/xml")
        || type.endsWith("+xml")
        || type.equals("application/javascript")
        || type.equals("application/x-www-form-urlencoded")
        || type.equals("application/graphql");
  }

  /** The bytes as a string if they are valid UTF-8, else null. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
