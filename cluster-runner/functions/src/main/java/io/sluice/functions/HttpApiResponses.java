package io.sluice.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's JSON output read as API Gateway's HTTP API reads it with payload format 2.0: an
 * object with a {@code statusCode} is the response (statusCode, headers, multiValueHeaders,
 * cookies, body, isBase64Encoded); any other valid JSON is a 200 response with content type {@code
 * application/json} and that JSON as body.
 */
final class HttpApiResponses {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpApiResponses() {}

  static APIGatewayV2HTTPResponse fromJson(String handler, String requestId, byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new FunctionFailedException(
          handler,
          requestId,
          "Sluice.InvalidResponse",
          "handler "
              + handler
              + " returned output that is not JSON: "
              + FunctionFailedException.oneLine(String.valueOf(e.getMessage())),
          e);
    }
    if (node == null || !node.isObject() || !node.has("statusCode")) {
      return APIGatewayV2HTTPResponse.builder()
          .withStatusCode(200)
          .withHeaders(Map.of("content-type", "application/json"))
          .withBody(new String(json, StandardCharsets.UTF_8))
          .withIsBase64Encoded(false)
          .build();
    }
    JsonNode status = node.get("statusCode");
    if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
      throw new FunctionFailedException(
          handler,
          requestId,
          "Sluice.InvalidResponse",
          "handler " + handler + " returned statusCode " + status + ", not an HTTP status",
          null);
    }
    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
    response.setStatusCode(status.asInt());
    response.setHeaders(strings(node.get("headers")));
    Map<String, List<String>> multi = null;
    if (node.path("multiValueHeaders").isObject()) {
      multi = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.get("multiValueHeaders").properties()) {
        multi.put(e.getKey(), list(e.getValue()));
      }
    }
    response.setMultiValueHeaders(multi);
    response.setCookies(node.path("cookies").isArray() ? list(node.get("cookies")) : null);
    JsonNode body = node.get("body");
    response.setBody(
        body == null || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString());
    response.setIsBase64Encoded(node.path("isBase64Encoded").asBoolean(false));
    return response;
  }

  private static Map<String, String> strings(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      map.put(
          e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
    }
    return map;
  }

  private static List<String> list(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> out.add(v.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }
}
