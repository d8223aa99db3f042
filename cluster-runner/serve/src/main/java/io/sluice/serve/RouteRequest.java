package io.sluice.serve;

import java.util.List;
import java.util.Map;

/**
 * One request as a route backend sees it, after the gateway's checks.
 *
 * @param headers header names in lower case
 */
public record RouteRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    Map<String, String> headers,
    String body,
    String sourceIp,
    String requestId) {

  /** A path parameter, or else the first value of the query parameter of that name; or null. */
  public String param(String name) {
    String v = pathParams.get(name);
    if (v != null) {
      return v;
    }
    List<String> q = query.get(name);
    return q == null || q.isEmpty() ? null : q.get(0);
  }
}
