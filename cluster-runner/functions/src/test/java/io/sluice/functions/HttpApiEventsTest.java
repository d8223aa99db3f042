package io.sluice.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests as API Gateway's payload format 2.0 events, as objects and as the JSON Lambda gets. */
class HttpApiEventsTest {
  private static final Instant TIME = Instant.parse("2020-03-12T19:03:58.390Z");

  private static APIGatewayV2HTTPEvent event(Map<String, List<String>> headers, byte[] body) {
    return HttpApiEvents.receivedAt(
        HttpApiEvents.event(
            "post",
            "/customers/42/churn",
            "POST /customers/{id}/churn",
            Map.of("id", "42"),
            "a=1&a=2&b=x%20y&c",
            headers,
            body,
            "192.0.2.1",
            "req-1"),
        TIME);
  }

  @Test
  void fieldsAsApiGatewaySendsThem() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("X-Multi", List.of("one", "two"));
    headers.put("Cookie", List.of("s=1; t=2", "u=3"));
    headers.put("User-Agent", List.of("curl/8"));
    headers.put("Host", List.of("127.0.0.1:8080"));
    APIGatewayV2HTTPEvent e = event(headers, "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
    assertEquals("2.0", e.getVersion());
    assertEquals("POST /customers/{id}/churn", e.getRouteKey());
    assertEquals("/customers/42/churn", e.getRawPath());
    assertEquals("a=1&a=2&b=x%20y&c", e.getRawQueryString());
    assertEquals(Map.of("a", "1,2", "b", "x y", "c", ""), e.getQueryStringParameters());
    assertEquals(Map.of("id", "42"), e.getPathParameters());
    assertEquals(List.of("s=1", "t=2", "u=3"), e.getCookies());
    assertEquals(
        Map.of(
            "content-type", "application/json",
            "x-multi", "one,two",
            "user-agent", "curl/8",
            "host", "127.0.0.1:8080"),
        e.getHeaders());
    assertEquals("{\"x\":1}", e.getBody());
    assertFalse(e.getIsBase64Encoded());
    APIGatewayV2HTTPEvent.RequestContext c = e.getRequestContext();
    assertEquals("POST", c.getHttp().getMethod());
    assertEquals("/customers/42/churn", c.getHttp().getPath());
    assertEquals("HTTP/1.1", c.getHttp().getProtocol());
    assertEquals("192.0.2.1", c.getHttp().getSourceIp());
    assertEquals("curl/8", c.getHttp().getUserAgent());
    assertEquals("req-1", c.getRequestId());
    assertEquals("POST /customers/{id}/churn", c.getRouteKey());
    assertEquals("$default", c.getStage());
    assertEquals("12/Mar/2020:19:03:58 +0000", c.getTime());
    assertEquals(TIME.toEpochMilli(), c.getTimeEpoch());
    assertEquals("127.0.0.1", c.getDomainName());
  }

  @Test
  void absentPartsAreAbsent() {
    APIGatewayV2HTTPEvent e =
        HttpApiEvents.event(
            "GET", "/x", "$default", Map.of(), null, Map.of(), new byte[0], "::1", "r");
    assertEquals("", e.getRawQueryString());
    assertNull(e.getQueryStringParameters());
    assertNull(e.getPathParameters());
    assertNull(e.getCookies());
    assertNull(e.getBody());
    assertFalse(e.getIsBase64Encoded());
  }

  @Test
  void nonTextBodiesAreBase64Encoded() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    APIGatewayV2HTTPEvent image = event(Map.of("content-type", List.of("image/png")), png);
    assertTrue(image.getIsBase64Encoded());
    assertEquals(Base64.getEncoder().encodeToString(png), image.getBody());
    // Declared text but not UTF-8: encoded too, so no byte is lost.
    APIGatewayV2HTTPEvent bad = event(Map.of("content-type", List.of("text/plain")), png);
    assertTrue(bad.getIsBase64Encoded());
    APIGatewayV2HTTPEvent form =
        event(
            Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
            "a=b".getBytes(StandardCharsets.UTF_8));
    assertFalse(form.getIsBase64Encoded());
    assertTrue(HttpApiEvents.isText("application/vnd.api+json"));
    assertFalse(HttpApiEvents.isText("application/octet-stream"));
  }

  @Test
  void jsonIsThePayloadFormat() throws Exception {
    APIGatewayV2HTTPEvent e =
        event(Map.of("content-type", List.of("image/png")), new byte[] {1, 2, 3});
    JsonNode json = new ObjectMapper().readTree(HttpApiEvents.toJson(e));
    assertEquals("2.0", json.get("version").asText());
    assertEquals("POST /customers/{id}/churn", json.get("routeKey").asText());
    assertTrue(json.get("isBase64Encoded").asBoolean());
    assertEquals("AQID", json.get("body").asText());
    assertEquals("42", json.get("pathParameters").get("id").asText());
    assertEquals("POST", json.get("requestContext").get("http").get("method").asText());
    assertEquals(TIME.toEpochMilli(), json.get("requestContext").get("timeEpoch").asLong());
    assertEquals("1,2", json.get("queryStringParameters").get("a").asText());
  }
}
