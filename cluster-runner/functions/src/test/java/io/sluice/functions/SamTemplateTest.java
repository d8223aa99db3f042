package io.sluice.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SAM template, parsed back. */
class SamTemplateTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void oneFunctionPerRouteOnOneHttpApiWithTheJarsBeside() throws Exception {
    Path jarA =
        Files.write(Files.createDirectories(dir.resolve("a")).resolve("app.jar"), new byte[] {1});
    Path jarB =
        Files.write(Files.createDirectories(dir.resolve("b")).resolve("app.jar"), new byte[] {2});
    Path out = dir.resolve("out");
    Path template =
        SamTemplate.write(
            "churn-api",
            List.of(
                new SamFunctionRoute("post", "/hello", "com.example.Hello", jarA),
                new SamFunctionRoute(
                    "GET", "/customers/{id}/churn", "com.example.Churn::handleRequest", jarA),
                new SamFunctionRoute("GET", "/other", "com.example.Other", jarB)),
            out);
    assertEquals(out.resolve("template.yaml"), template);
    Map<String, Object> t = SamTemplate.read(template);
    assertEquals("AWS::Serverless-2016-10-31", t.get("Transform"));
    assertEquals("2010-09-09", t.get("AWSTemplateFormatVersion"));
    Map<String, Object> resources = (Map<String, Object>) t.get("Resources");
    assertEquals(
        new TreeSet<>(
            List.of(
                "HttpApi", "PostHelloFunction", "GetCustomersIdChurnFunction", "GetOtherFunction")),
        new TreeSet<>(resources.keySet()));
    assertEquals(
        "AWS::Serverless::HttpApi", ((Map<String, Object>) resources.get("HttpApi")).get("Type"));

    Map<String, Object> churn = (Map<String, Object>) resources.get("GetCustomersIdChurnFunction");
    assertEquals("AWS::Serverless::Function", churn.get("Type"));
    Map<String, Object> properties = (Map<String, Object>) churn.get("Properties");
    assertEquals("java17", properties.get("Runtime"));
    assertEquals("com.example.Churn::handleRequest", properties.get("Handler"));
    assertEquals("app.jar", properties.get("CodeUri"));
    assertEquals(512, properties.get("MemorySize"));
    Map<String, Object> event =
        (Map<String, Object>)
            ((Map<String, Object>) properties.get("Events")).get("GetCustomersIdChurn");
    assertEquals("HttpApi", event.get("Type"));
    Map<String, Object> eventProperties = (Map<String, Object>) event.get("Properties");
    assertEquals("/customers/{id}/churn", eventProperties.get("Path"));
    assertEquals("GET", eventProperties.get("Method"));
    assertEquals(Map.of("Ref", "HttpApi"), eventProperties.get("ApiId"));

    // Two jars named app.jar: both copied, under distinct names.
    Map<String, Object> other =
        (Map<String, Object>)
            ((Map<String, Object>) resources.get("GetOtherFunction")).get("Properties");
    assertEquals("app-2.jar", other.get("CodeUri"));
    assertEquals(1, Files.readAllBytes(out.resolve("app.jar"))[0]);
    assertEquals(2, Files.readAllBytes(out.resolve("app-2.jar"))[0]);
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(3, files.count());
    }
    assertTrue(((Map<String, Object>) t.get("Outputs")).containsKey("ApiUrl"));
  }

  @Test
  void badRoutes() {
    assertThrows(FunctionException.class, () -> SamTemplate.write("api", List.of(), dir));
    assertEquals(
        "route method 'FETCH' is not one of ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
        assertThrows(FunctionException.class, () -> new SamFunctionRoute("FETCH", "/x", "a.B", dir))
            .getMessage());
    assertThrows(FunctionException.class, () -> new SamFunctionRoute("GET", "x", "a.B", dir));
    Path missing = dir.resolve("missing.jar");
    assertEquals(
        "route GET /x: function jar " + missing + " does not exist",
        assertThrows(
                FunctionException.class,
                () ->
                    SamTemplate.write(
                        "api",
                        List.of(new SamFunctionRoute("GET", "/x", "a.B", missing)),
                        dir.resolve("o")))
            .getMessage());
  }
}
