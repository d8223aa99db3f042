package io.sluice.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An AWS SAM template that deploys function routes to AWS: one {@code AWS::Serverless::HttpApi}
 * and, per route, one {@code AWS::Serverless::Function} (runtime java17, the handler, the jar as
 * {@code CodeUri}) with an {@code HttpApi} event (path, method, the API's id). The jars are copied
 * beside the template, so the folder is what {@code sam deploy} takes. References are written in
 * CloudFormation's long form ({@code Ref:}, {@code Fn::Sub:}), which needs no YAML tags.
 */
public final class SamTemplate {

  /** The template's file name in the output folder (SAM's default). */
  public static final String FILE_NAME = "template.yaml";

  /** The logical id of the HTTP API. */
  public static final String API_LOGICAL_ID = "HttpApi";

  public static final String RUNTIME = "java17";

  /** Lambda's defaults would be 128 MB and 3 s: too little for a JVM's cold start. */
  public static final int MEMORY_MB = 512;

  public static final int TIMEOUT_SECONDS = 30;

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              // Strings stay quoted: unquoted, 2010-09-09 would be a date to YAML 1.1 readers.
              .build());

  private SamTemplate() {}

  /**
   * Writes {@code outDir/template.yaml} and copies the routes' jars into {@code outDir}; returns
   * the template.
   *
   * @throws FunctionException no routes, or a jar that does not exist
   */
  public static Path write(String apiName, List<SamFunctionRoute> routes, Path outDir) {
    if (routes == null || routes.isEmpty()) {
      throw new FunctionException("API " + apiName + " has no function routes to export");
    }
    try {
      Files.createDirectories(outDir);
      Map<Path, String> codeUris = copyJars(routes, outDir);
      Path template = outDir.resolve(FILE_NAME);
      Files.writeString(template, YAML.writeValueAsString(template(apiName, routes, codeUris)));
      return template;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the SAM template to " + outDir + " failed", e);
    }
  }

  static Map<String, Object> template(
      String apiName, List<SamFunctionRoute> routes, Map<Path, String> codeUris) {
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("AWSTemplateFormatVersion", "2010-09-09");
    template.put("Transform", "AWS::Serverless-2016-10-31");
    template.put("Description", apiName + ": functions exported by sluice serve export");
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put(
        API_LOGICAL_ID,
        ordered("Type", "AWS::Serverless::HttpApi", "Properties", ordered("Description", apiName)));
    Set<String> used = new HashSet<>(Set.of(API_LOGICAL_ID));
    for (SamFunctionRoute route : routes) {
      String eventName = logicalId(route.method(), route.path());
      String functionId = unique(eventName + "Function", used);
      Map<String, Object> eventProperties = new LinkedHashMap<>();
      eventProperties.put("ApiId", ordered("Ref", API_LOGICAL_ID));
      eventProperties.put("Path", route.path());
      eventProperties.put("Method", route.method());
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("Runtime", RUNTIME);
      properties.put("Handler", route.handler() + "::handleRequest");
      properties.put("CodeUri", codeUris.get(route.jar().toAbsolutePath().normalize()));
      properties.put("MemorySize", MEMORY_MB);
      properties.put("Timeout", TIMEOUT_SECONDS);
      properties.put(
          "Events", ordered(eventName, ordered("Type", "HttpApi", "Properties", eventProperties)));
      Map<String, Object> function = new LinkedHashMap<>();
      function.put("Type", "AWS::Serverless::Function");
      function.put("Properties", properties);
      resources.put(functionId, function);
    }
    template.put("Resources", resources);
    template.put(
        "Outputs",
        ordered(
            "ApiUrl",
            ordered(
                "Description",
                "The HTTP API's default endpoint",
                "Value",
                ordered(
                    "Fn::Sub",
                    "https://${"
                        + API_LOGICAL_ID
                        + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"))));
    return template;
  }

  /** A map in the order given (keys and values alternating), so the YAML reads top-down. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Copies each distinct jar once; two jars of the same file name get distinct names. */
  private static Map<Path, String> copyJars(List<SamFunctionRoute> routes, Path outDir)
      throws IOException {
    Map<Path, String> codeUris = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (SamFunctionRoute route : routes) {
      Path jar = route.jar().toAbsolutePath().normalize();
      if (codeUris.containsKey(jar)) {
        continue;
      }
      if (!Files.isRegularFile(jar)) {
        throw new FunctionException(
            "route "
                + route.method()
                + " "
                + route.path()
                + ": function jar "
                + route.jar()
                + " does not exist");
      }
      String file = jar.getFileName().toString();
      String base = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
      String name = base + ".jar";
      for (int i = 2; !names.add(name); i++) {
        name = base + "-" + i + ".jar";
      }
      Path target = outDir.resolve(name);
      if (!target.toAbsolutePath().normalize().equals(jar)) {
        Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
      }
      codeUris.put(jar, name);
    }
    return codeUris;
  }

  /** An alphanumeric logical id from a route: {@code GET /customers/{id}} -> GetCustomersId. */
  static String logicalId(String method, String path) {
    StringBuilder id = new StringBuilder(capitalize(method.toLowerCase(Locale.ROOT)));
    for (String word : path.split("[^A-Za-z0-9]+")) {
      id.append(capitalize(word));
    }
    return id.toString();
  }

  private static String unique(String id, Set<String> used) {
    String candidate = id;
    for (int i = 2; !used.add(candidate); i++) {
      candidate = id + i;
    }
    return candidate;
  }

  private static String capitalize(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** Reads a template back (for tests and tools): the YAML as maps and lists. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path template) {
    try {
      return YAML.readValue(template.toFile(), HashMap.class);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + template + " failed", e);
    }
  }
}
