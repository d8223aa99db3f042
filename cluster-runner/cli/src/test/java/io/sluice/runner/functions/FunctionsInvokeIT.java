package io.sluice.runner.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.functions.HandlerJar;
import io.sluice.runner.CliChild;
import io.sluice.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice functions invoke} as a user runs it, in a JVM of its own: an HTTP API event file
 * (payload format 2.0, as API Gateway sends it) through a handler jar built by the test, the
 * response on stdout, the REPORT line on stderr.
 */
class FunctionsInvokeIT {
  @TempDir Path dir;

  @Test
  void invokesAnHttpHandlerFromAnEventFile() throws Exception {
    Path jar = HandlerJar.build(dir.resolve("handlers.jar"));
    Path event =
        Files.writeString(
            dir.resolve("event.json"),
            """
            {"version": "2.0", "routeKey": "GET /hello/{name}", "rawPath": "/hello/ada",
             "rawQueryString": "", "headers": {"accept": "application/json"},
             "pathParameters": {"name": "ada"},
             "requestContext": {"http": {"method": "GET", "path": "/hello/ada",
               "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "test"},
               "requestId": "abc", "routeKey": "GET /hello/{name}", "stage": "$default"},
             "isBase64Encoded": false}
            """);
    SluiceProcess.Result run =
        CliChild.sluice(
                "functions",
                "invoke",
                "--jar",
                jar.toString(),
                "--handler",
                HandlerJar.HELLO,
                "--event",
                event.toString(),
                "--timeout",
                "20s")
            .run();
    assertEquals(0, run.exitCode(), run.toString());
    JsonNode response = new ObjectMapper().readTree(run.stdout());
    assertEquals(200, response.get("statusCode").asInt());
    JsonNode body = new ObjectMapper().readTree(response.get("body").asText());
    assertEquals("hello, ada", body.get("greeting").asText());
    assertEquals("GET /hello/{name}", body.get("routeKey").asText());
    assertTrue(body.get("remainingMs").asInt() <= 20_000, body.toString());
    assertTrue(
        run.stderr()
            .lines()
            .anyMatch(
                l -> l.startsWith("REPORT RequestId: " + body.get("requestId").asText() + "\t")),
        run.stderr());
  }
}
