package io.sluice.serve;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.functions.FunctionFailedException;
import io.sluice.functions.FunctionJars;
import io.sluice.functions.FunctionTimeoutException;
import io.sluice.functions.HttpApiEvents;
import io.sluice.functions.LambdaFunction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code function}: a Lambda handler from the gateway's jars, called with the HTTP API payload
 * format 2.0 event of the request (route key {@code METHOD /path}) and a Lambda context, under the
 * route's timeout. Its response is the answer; a handler that throws gets API Gateway's own 500
 * {@code {"message":"Internal Server Error"}}, one that runs over 504.
 */
final class FunctionBackend implements RouteBackend {

  private static final Logger LOG = LoggerFactory.getLogger(FunctionBackend.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiRoute route;
  private final LambdaFunction function;

  FunctionBackend(ApiRoute route, FunctionJars jars) {
    this.route = route;
    this.function = jars.function(((ApiRoute.Function) route.target()).handler());
  }

  LambdaFunction function() {
    return function;
  }

  /** The function runs under the route's timeout and answers 504 itself (see {@link #handle}). */
  @Override
  public boolean stopsAtTimeout() {
    return true;
  }

  @Override
  public RouteResponse handle(RouteRequest request) throws Exception {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    APIGatewayV2HTTPEvent event =
        HttpApiEvents.event(
            request.method(),
            request.rawPath(),
            route.name(),
            request.pathParams(),
            request.rawQuery(),
            headers,
            request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8),
            request.sourceIp(),
            request.requestId());
    APIGatewayV2HTTPResponse response;
    try {
      response = function.invokeHttp(event, route.timeout());
    } catch (FunctionTimeoutException e) {
      return RouteHandler.timedOut(route);
    } catch (FunctionFailedException e) {
      LOG.warn(
          "function {} failed (request {}): {}",
          function.handler(),
          request.requestId(),
          e.getMessage());
      return RouteResponse.json(
          500, JSON.writeValueAsString(Map.of("message", "Internal Server Error")));
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (response.getHeaders() != null) {
      response
          .getHeaders()
          .forEach((k, v) -> out.put(k.equalsIgnoreCase("content-type") ? "Content-Type" : k, v));
    }
    if (response.getMultiValueHeaders() != null) {
      response.getMultiValueHeaders().forEach((k, v) -> out.put(k, String.join(",", v)));
    }
    String body = response.getBody();
    if (body != null && response.getIsBase64Encoded()) {
      body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
    }
    int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
    return new RouteResponse(status, body, out);
  }
}
