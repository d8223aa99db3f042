package io.sluice.serve;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of the API file: {@code METHOD /path/{param}}, what answers it, and how long it may
 * take before the gateway answers 504.
 *
 * @param line the line of the API file the route starts on, for messages
 */
public record ApiRoute(String method, String path, Target target, Duration timeout, int line) {

  private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** What answers a route: one of the four route kinds. */
  public sealed interface Target permits KvGet, Sql, Predict, Function {
    /** The kind as the API file names it. */
    String kind();
  }

  /** {@code kv-get}: the item whose partition key is the path parameter {@code key}. */
  public record KvGet(String table, String key) implements Target {
    @Override
    public String kind() {
      return "kv-get";
    }
  }

  /**
   * {@code sql}: the named query with its {@code ?} bound, in order, to the path or query
   * parameters {@code params}.
   */
  public record Sql(String target, String query, List<String> params) implements Target {
    @Override
    public String kind() {
      return "sql";
    }
  }

  /** {@code predict}: a model of a registry; the newest version unless one is named. */
  public record Predict(String model, String registry, Optional<Integer> version)
      implements Target {
    @Override
    public String kind() {
      return "predict";
    }

    /** The reference the model registry parses: {@code name} or {@code name:version}. */
    public String modelRef() {
      return version.map(v -> model + ":" + v).orElse(model);
    }
  }

  /** {@code function}: a Lambda handler class from the gateway's jars. */
  public record Function(String handler) implements Target {
    @Override
    public String kind() {
      return "function";
    }
  }

  /** The route as the API file writes it and logs and metrics name it: {@code GET /a/{id}}. */
  public String name() {
    return method + " " + path;
  }

  /** The names of the path's {@code {parameters}}, in order. */
  public List<String> pathParams() {
    return pathParams(path);
  }

  static List<String> pathParams(String path) {
    Matcher m = PATH_PARAM.matcher(path);
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return List.copyOf(names);
  }
}
