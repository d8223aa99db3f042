package io.sluice.runner.serve;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.functions.HandlerJar;
import io.sluice.functions.SamTemplate;
import io.sluice.runner.CliOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice serve export}: the SAM template of an API file's function routes. */
class ServeExportCommandTest {

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void writesAFunctionPerFunctionRouteWithTheJarThatHoldsItsHandler() throws Exception {
    Path jar = HandlerJar.build(dir.resolve("handlers.jar"));
    Path api = dir.resolve("shop-api.yaml");
    Files.writeString(
        api,
        """
        routes:
          - route: GET /hello/{name}
            function: {handler: %s}
          - route: POST /greet
            function: {handler: %s}
          - route: GET /revenue/{day}
            sql: {target: "duckdb:w.duckdb", query: "SELECT ?", params: [day]}
        """
            .formatted(HandlerJar.HELLO, HandlerJar.GREETER));
    Path out = dir.resolve("sam");
    CliOutcome o =
        sluice("serve", "export", api.toString(), "--out", out.toString(), "--jar", jar.toString());
    assertEquals(0, o.code, o.err);
    assertTrue(o.out.contains("2 function route(s)"), o.out);
    Map<String, Object> template = SamTemplate.read(out.resolve(SamTemplate.FILE_NAME));
    Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
    long functions =
        resources.values().stream()
            .map(r -> ((Map<String, Object>) r).get("Type"))
            .filter("AWS::Serverless::Function"::equals)
            .count();
    assertEquals(2, functions, resources.toString());
    assertTrue(
        resources.values().stream()
            .anyMatch(
                r -> "AWS::Serverless::HttpApi".equals(((Map<String, Object>) r).get("Type"))));
    String text = Files.readString(out.resolve(SamTemplate.FILE_NAME));
    assertTrue(text.contains(HandlerJar.HELLO) && text.contains("/hello/{name}"), text);
    assertTrue(Files.exists(out.resolve("handlers.jar")), "the jar is copied beside the template");
  }

  @Test
  void aHandlerInNoJarIsOneLineWithExitTwo() throws Exception {
    Path api = dir.resolve("api.yaml");
    Files.writeString(
        api, "routes:\n  - route: POST /x\n    function: {handler: com.example.Missing}\n");
    CliOutcome o = sluice("serve", "export", api.toString(), "--out", dir.resolve("o").toString());
    assertEquals(2, o.code, o.err);
    assertEquals(
        "sluice: no --jar holds handler com.example.Missing (give its jar with --jar)",
        o.err.strip());
  }
}
