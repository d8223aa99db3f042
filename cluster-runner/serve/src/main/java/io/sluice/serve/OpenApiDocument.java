package io.sluice.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3 document of an API file's routes, built as a Jackson tree: one operation per route
 * with its path and query parameters, request body (predict, function), responses and, with API
 * keys, the {@code x-api-key} security scheme.
 */
final class OpenApiDocument {

  static final String VERSION = "3.0.3";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenApiDocument() {}

  static String of(ApiFile api, boolean withKeys) {
    return of(api, withKeys, Map.of());
  }

  /**
   * @param requestSchemas JSON schemas of request bodies by route name (the predict routes'
   *     features), where known
   */
  static String of(ApiFile api, boolean withKeys, Map<String, ObjectNode> requestSchemas) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("openapi", VERSION);
    ObjectNode info = doc.putObject("info");
    info.put("title", String.valueOf(api.file().getFileName()));
    info.put("version", "1");
    ObjectNode paths = doc.putObject("paths");
    for (ApiRoute r : api.routes()) {
      ObjectNode path =
          paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
      path.set(r.method().toLowerCase(Locale.ROOT), operation(r, requestSchemas.get(r.name())));
    }
    if (withKeys) {
      ObjectNode scheme =
          doc.putObject("components").putObject("securitySchemes").putObject("apiKey");
      scheme.put("type", "apiKey");
      scheme.put("in", "header");
      scheme.put("name", ApiKeys.HEADER);
      doc.putArray("security").addObject().putArray("apiKey");
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an ObjectNode always serializes", e);
    }
  }

  private static ObjectNode operation(ApiRoute r, ObjectNode requestSchema) {
    ObjectNode op = JSON.createObjectNode();
    op.put("operationId", operationId(r));
    op.put("summary", r.target().kind() + " " + describe(r.target()));
    ArrayNode params = op.putArray("parameters");
    List<String> pathParams = r.pathParams();
    for (String p : pathParams) {
      parameter(params, p, "path");
    }
    if (r.target() instanceof ApiRoute.Sql sql) {
      for (String p : sql.params()) {
        if (!pathParams.contains(p)) {
          parameter(params, p, "query");
        }
      }
    }
    if (r.target() instanceof ApiRoute.Predict || r.target() instanceof ApiRoute.Function) {
      ObjectNode content =
          op.putObject("requestBody")
              .put("required", r.target() instanceof ApiRoute.Predict)
              .putObject("content")
              .putObject("application/json");
      content.set(
          "schema",
          requestSchema != null ? requestSchema : JSON.createObjectNode().put("type", "object"));
    }
    ObjectNode responses = op.putObject("responses");
    responses.putObject("200").put("description", "the answer, as JSON");
    if (r.target() instanceof ApiRoute.KvGet) {
      responses.putObject("404").put("description", "no item with this key");
    }
    responses.putObject("400").put("description", "the request names a missing or mistyped value");
    responses.putObject("401").put("description", "no API key");
    responses.putObject("403").put("description", "unknown API key");
    responses.putObject("429").put("description", "throttled; see Retry-After");
    responses.putObject("504").put("description", "timed out after " + r.timeout());
    return op;
  }

  private static void parameter(ArrayNode params, String name, String in) {
    ObjectNode p = params.addObject();
    p.put("name", name);
    p.put("in", in);
    p.put("required", true);
    p.putObject("schema").put("type", "string");
  }

  private static String describe(ApiRoute.Target t) {
    if (t instanceof ApiRoute.KvGet kv) {
      return "table " + kv.table() + " by " + kv.key();
    } else if (t instanceof ApiRoute.Sql sql) {
      return "query on " + sql.target().replaceAll("//[^@/]*@", "//***@");
    } else if (t instanceof ApiRoute.Predict p) {
      return "model " + p.modelRef();
    }
    return "handler " + ((ApiRoute.Function) t).handler();
  }

  private static String operationId(ApiRoute r) {
    String id =
        (r.method().toLowerCase(Locale.ROOT) + r.path())
            .replaceAll("[{}]", "")
            .replaceAll("[^A-Za-z0-9]+", "_");
    return id.replaceAll("_+$", "");
  }
}
