package io.sluice.serve;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The YAML API file of {@code sluice serve}: routes, optional API keys and throttle. Parsed from
 * SnakeYAML's node tree (not into maps) so that every error names the line of the field it is
 * about: {@code api.yaml:4: routes[0].kv-get.table: missing}.
 *
 * @param apiKeys the keys file, resolved against the API file's folder
 */
public record ApiFile(
    Path file, List<ApiRoute> routes, Optional<Path> apiKeys, Optional<Throttle> throttle) {

  /** How long a route may take unless it says: then the gateway answers 504. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The longest route timeout accepted. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  /** Paths the gateway answers itself. */
  public static final Set<String> RESERVED_PATHS = Set.of("/health", "/metrics", "/openapi.json");

  static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private static final Set<String> KINDS = Set.of("kv-get", "sql", "predict", "function");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~\\-]+|\\{[A-Za-z_]\\w*}");
  private static final Pattern CLASS_NAME =
      Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(::\\w+)?");

  /** Per key (or client address) token bucket: {@code rate} requests/s, bursts of {@code burst}. */
  public record Throttle(double rate, int burst) {
    public Throttle {
      if (!(rate > 0) || rate > 1_000_000) {
        throw new IllegalArgumentException("rate must be > 0 and <= 1000000 requests/s");
      }
      if (burst < 1 || burst > 1_000_000) {
        throw new IllegalArgumentException("burst must be 1..1000000");
      }
    }
  }

  public ApiFile {
    routes = List.copyOf(routes);
  }

  /** Reads and validates {@code file}; throws {@link ApiFileException} naming line and field. */
  public static ApiFile load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ApiFileException("API file not found: " + file);
    } catch (IOException e) {
      throw new ApiFileException("cannot read API file " + file + ": " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  /** Parses {@code text} as if read from {@code file} (messages and relative paths use it). */
  public static ApiFile parse(Path file, String text) {
    Node root;
    try (Reader reader = new java.io.StringReader(text)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(options).compose(reader);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new ApiFileException(
          file + ":" + line + ": not valid YAML: " + String.valueOf(e.getProblem()));
    } catch (YAMLException | IOException e) {
      throw new ApiFileException(file + ": not valid YAML: " + firstLine(e.getMessage()));
    }
    return new Parser(file).file(root);
  }

  /** Parses the duration syntax of the API file: {@code 500ms}, {@code 10s}, {@code 2m}. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration such as 500ms, 10s or 2m");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          default -> Duration.ofMinutes(n);
        };
    if (d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("must be more than 0 and at most " + MAX_TIMEOUT);
    }
    return d;
  }

  private static String firstLine(String s) {
    String t = String.valueOf(s).strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /** Walks the node tree; every error carries the node's line and the field's path. */
  private static final class Parser {
    private final Path file;

    Parser(Path file) {
      this.file = file;
    }

    ApiFile file(Node root) {
      if (root == null) {
        throw new ApiFileException(file + ":1: the API file is empty; it needs 'routes'");
      }
      Map<String, NodeTuple> top =
          fields(root, "", Set.of("routes", "api-keys", "throttle"), "the API file");
      NodeTuple routesField = top.get("routes");
      if (routesField == null) {
        throw error(root, "routes", "missing: list the routes to serve");
      }
      if (!(routesField.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
        throw error(routesField.getValueNode(), "routes", "must be a non-empty list of routes");
      }
      List<ApiRoute> routes = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < seq.getValue().size(); i++) {
        ApiRoute r = route(seq.getValue().get(i), "routes[" + i + "]");
        String shape = r.method() + " " + r.path().replaceAll("\\{[^}]*}", "{}");
        if (!seen.add(shape)) {
          throw error(seq.getValue().get(i), "routes[" + i + "].route", "duplicate " + r.name());
        }
        routes.add(r);
      }
      Optional<Path> keys =
          Optional.ofNullable(top.get("api-keys"))
              .map(t -> resolve(scalar(t.getValueNode(), "api-keys")));
      Optional<Throttle> throttle = Optional.ofNullable(top.get("throttle")).map(this::throttle);
      return new ApiFile(file, routes, keys, throttle);
    }

    private Path resolve(String path) {
      Path p = Path.of(path);
      Path dir = file.toAbsolutePath().getParent();
      return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }

    private Throttle throttle(NodeTuple t) {
      Map<String, NodeTuple> f = fields(t.getValueNode(), "throttle", Set.of("rate", "burst"), "");
      double rate = number(required(f, t, "throttle", "rate"), "throttle.rate");
      NodeTuple burstField = f.get("burst");
      int burst =
          burstField == null
              ? (int) Math.max(1, Math.ceil(rate))
              : (int) integer(burstField, "throttle.burst");
      try {
        return new Throttle(rate, burst);
      } catch (IllegalArgumentException e) {
        throw error(t.getValueNode(), "throttle", e.getMessage());
      }
    }

    private ApiRoute route(Node node, String where) {
      Set<String> allowed = new HashSet<>(KINDS);
      allowed.add("route");
      allowed.add("timeout");
      Map<String, NodeTuple> f = fields(node, where, allowed, "a route");
      String routeText = scalar(required(f, node, where, "route"), where + ".route");
      String[] parts = routeText.trim().split("\\s+");
      Node routeNode = f.get("route").getValueNode();
      if (parts.length != 2) {
        throw error(routeNode, where + ".route", "'" + routeText + "' is not 'METHOD /path'");
      }
      String method = parts[0].toUpperCase(Locale.ROOT);
      if (!METHODS.contains(method)) {
        throw error(
            routeNode, where + ".route", "method '" + parts[0] + "' is not one of " + METHODS);
      }
      String path = parts[1];
      checkPath(routeNode, where + ".route", path);
      List<String> kinds = f.keySet().stream().filter(KINDS::contains).toList();
      if (kinds.size() != 1) {
        throw error(
            node,
            where,
            (kinds.isEmpty() ? "no route kind" : "more than one route kind " + kinds)
                + ": give exactly one of kv-get, sql, predict, function");
      }
      String kind = kinds.get(0);
      NodeTuple body = f.get(kind);
      String at = where + "." + kind;
      List<String> pathParams = ApiRoute.pathParams(path);
      ApiRoute.Target target =
          switch (kind) {
            case "kv-get" -> kvGet(body, at, pathParams);
            case "sql" -> sql(body, at, pathParams);
            case "predict" -> predict(body, at);
            default -> function(body, at);
          };
      Duration timeout = DEFAULT_TIMEOUT;
      NodeTuple t = f.get("timeout");
      if (t != null) {
        try {
          timeout = parseDuration(scalar(t, where + ".timeout"));
        } catch (IllegalArgumentException e) {
          throw error(t.getValueNode(), where + ".timeout", e.getMessage());
        }
      }
      return new ApiRoute(method, path, target, timeout, node.getStartMark().getLine() + 1);
    }

    private void checkPath(Node node, String field, String path) {
      if (!path.startsWith("/")) {
        throw error(node, field, "path '" + path + "' must start with /");
      }
      if (RESERVED_PATHS.contains(path)) {
        throw error(node, field, "path " + path + " is the gateway's own");
      }
      Set<String> names = new HashSet<>();
      for (String segment : path.substring(1).split("/", -1)) {
        if (!SEGMENT.matcher(segment).matches()) {
          throw error(
              node,
              field,
              "path segment '" + segment + "' of " + path + " is neither a word nor {name}");
        }
        if (segment.startsWith("{") && !names.add(segment)) {
          throw error(node, field, "path parameter " + segment + " appears twice in " + path);
        }
      }
    }

    private ApiRoute.KvGet kvGet(NodeTuple t, String at, List<String> pathParams) {
      Map<String, NodeTuple> f = fields(t.getValueNode(), at, Set.of("table", "key"), "");
      String table = scalar(required(f, t, at, "table"), at + ".table");
      NodeTuple keyField = required(f, t, at, "key");
      String key = scalar(keyField, at + ".key");
      if (!pathParams.contains(key)) {
        throw error(
            keyField.getValueNode(),
            at + ".key",
            "'" + key + "' is not a path parameter of the route (have " + pathParams + ")");
      }
      return new ApiRoute.KvGet(table, key);
    }

    private ApiRoute.Sql sql(NodeTuple t, String at, List<String> pathParams) {
      Map<String, NodeTuple> f =
          fields(t.getValueNode(), at, Set.of("target", "query", "params"), "");
      String target = scalar(required(f, t, at, "target"), at + ".target");
      NodeTuple queryField = required(f, t, at, "query");
      String query = scalar(queryField, at + ".query");
      try {
        ReadOnlyQuery.check(query);
      } catch (IllegalArgumentException e) {
        throw error(queryField.getValueNode(), at + ".query", e.getMessage());
      }
      List<String> params = new ArrayList<>();
      NodeTuple p = f.get("params");
      if (p != null) {
        if (!(p.getValueNode() instanceof SequenceNode seq)) {
          throw error(p.getValueNode(), at + ".params", "must be a list of parameter names");
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
          String name = scalar(seq.getValue().get(i), at + ".params[" + i + "]");
          if (!name.matches("[A-Za-z_]\\w*")) {
            throw error(seq.getValue().get(i), at + ".params[" + i + "]", "not a name: " + name);
          }
          params.add(name);
        }
      }
      int placeholders = ReadOnlyQuery.placeholders(query);
      if (placeholders != params.size()) {
        throw error(
            queryField.getValueNode(),
            at + ".query",
            "has " + placeholders + " '?' but params lists " + params.size());
      }
      return new ApiRoute.Sql(target, query, params);
    }

    private ApiRoute.Predict predict(NodeTuple t, String at) {
      Map<String, NodeTuple> f =
          fields(t.getValueNode(), at, Set.of("model", "registry", "version"), "");
      String model = scalar(required(f, t, at, "model"), at + ".model");
      String registry = scalar(required(f, t, at, "registry"), at + ".registry");
      Optional<Integer> version =
          Optional.ofNullable(f.get("version")).map(v -> (int) integer(v, at + ".version"));
      if (version.isPresent() && version.get() < 1) {
        throw error(f.get("version").getValueNode(), at + ".version", "must be 1 or more");
      }
      return new ApiRoute.Predict(model, registry, version);
    }

    private ApiRoute.Function function(NodeTuple t, String at) {
      Map<String, NodeTuple> f = fields(t.getValueNode(), at, Set.of("handler"), "");
      NodeTuple h = required(f, t, at, "handler");
      String handler = scalar(h, at + ".handler");
      if (!CLASS_NAME.matcher(handler).matches()) {
        throw error(h.getValueNode(), at + ".handler", "'" + handler + "' is not a class name");
      }
      return new ApiRoute.Function(handler);
    }

    private Map<String, NodeTuple> fields(
        Node node, String where, Set<String> allowed, String what) {
      if (!(node instanceof MappingNode map)) {
        throw error(
            node,
            where,
            "must be a mapping"
                + (what.isEmpty() ? "" : " (" + what + ")")
                + " with "
                + allowed.stream().sorted().toList());
      }
      Map<String, NodeTuple> out = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        String key = scalar(t.getKeyNode(), where);
        if (!allowed.contains(key)) {
          throw error(
              t.getKeyNode(),
              where.isEmpty() ? key : where + "." + key,
              "unknown field; expected one of " + allowed.stream().sorted().toList());
        }
        out.put(key, t);
      }
      return out;
    }

    private NodeTuple required(Map<String, NodeTuple> f, Object parent, String at, String name) {
      NodeTuple t = f.get(name);
      if (t == null) {
        Node n = parent instanceof NodeTuple p ? p.getValueNode() : (Node) parent;
        throw error(n, at.isEmpty() ? name : at + "." + name, "missing");
      }
      return t;
    }

    private String scalar(NodeTuple t, String field) {
      return scalar(t.getValueNode(), field);
    }

    private String scalar(Node node, String field) {
      if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
        throw error(node, field, "must be a non-empty text value");
      }
      return s.getValue().trim();
    }

    private double number(NodeTuple t, String field) {
      String s = scalar(t, field);
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw error(t.getValueNode(), field, "'" + s + "' is not a number");
      }
    }

    private long integer(NodeTuple t, String field) {
      String s = scalar(t, field);
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw error(t.getValueNode(), field, "'" + s + "' is not a whole number");
      }
    }

    private ApiFileException error(Node node, String field, String problem) {
      int line = node == null ? 1 : node.getStartMark().getLine() + 1;
      return new ApiFileException(
          file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
    }
  }
}
