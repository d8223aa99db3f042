package io.sluice.functions;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * One route of an HTTP API served by a function: {@code method} (GET, POST, ... or ANY), {@code
 * path} as API Gateway writes it ({@code /customers/{id}/churn}), the handler class and the jar
 * that holds it.
 */
public record SamFunctionRoute(String method, String path, String handler, Path jar) {

  /** The methods an HTTP API route takes; ANY matches all. */
  public static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");

  public SamFunctionRoute {
    if (method == null || !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      throw new FunctionException(
          "route method '"
              + method
              + "' is not one of "
              + String.join(", ", METHODS.stream().sorted().toList()));
    }
    method = method.toUpperCase(Locale.ROOT);
    if (path == null || !path.startsWith("/") || path.contains(" ")) {
      throw new FunctionException("route path '" + path + "' must start with / and have no spaces");
    }
    handler = FunctionJars.className(handler);
    if (jar == null) {
      throw new FunctionException("route " + method + " " + path + " names no jar");
    }
  }
}
