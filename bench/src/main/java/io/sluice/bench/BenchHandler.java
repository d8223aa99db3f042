package io.sluice.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * The handler {@link ServeBenchmark} measures: a greeting from the path parameter, as small as a
 * handler gets, so what is measured is the path to it. {@link ServeBenchmark} jars this class; the
 * function class loader loads it from that jar.
 */
public final class BenchHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    String name =
        event.getPathParameters() == null ? "world" : event.getPathParameters().get("name");
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(200)
        .withHeaders(Map.of("content-type", "application/json"))
        .withBody("{\"greeting\":\"hello, " + name + "\"}")
        .build();
  }
}
