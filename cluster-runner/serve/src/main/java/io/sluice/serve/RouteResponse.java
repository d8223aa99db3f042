package io.sluice.serve;

import java.util.Map;

/**
 * What a route answers: a status, a body and headers (content type included; JSON unless a header
 * says otherwise).
 */
public record RouteResponse(int status, String body, Map<String, String> headers) {

  public RouteResponse {
    headers = Map.copyOf(headers);
  }

  public static RouteResponse json(int status, String json) {
    return new RouteResponse(status, json, Map.of());
  }
}
