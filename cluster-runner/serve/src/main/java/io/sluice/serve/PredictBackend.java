package io.sluice.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.ml.FeatureSpec;
import io.sluice.ml.FeatureType;
import io.sluice.ml.OnlinePrediction;
import io.sluice.ml.OnlinePredictor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code predict}: one JSON object of feature values (or a list of them) scored by an {@link
 * OnlinePredictor} in this JVM; answers {@code {"prediction": ..., "probability": ...}} (or a
 * list). Every feature must be present (null for missing), numeric features as JSON numbers;
 * otherwise 400 naming the field.
 */
final class PredictBackend implements RouteBackend {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OnlinePredictor predictor;

  PredictBackend(OnlinePredictor predictor) {
    this.predictor = predictor;
  }

  OnlinePredictor predictor() {
    return predictor;
  }

  @Override
  public RouteResponse handle(RouteRequest request) throws Exception {
    JsonNode body;
    try {
      body = JSON.readTree(request.body() == null ? "" : request.body());
    } catch (JsonProcessingException e) {
      throw new BadRequestException("body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || body.isMissingNode()) {
      throw new BadRequestException("body is empty: send a JSON object of feature values");
    }
    if (body.isObject()) {
      OnlinePrediction p = predictor.predict(row(body, ""));
      return RouteResponse.json(200, JSON.writeValueAsString(json(p)));
    }
    if (!body.isArray() || body.isEmpty()) {
      throw new BadRequestException(
          "body must be a JSON object of feature values or a list of them");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      rows.add(row(body.get(i), "[" + i + "]"));
    }
    ArrayNode out = JSON.createArrayNode();
    for (OnlinePrediction p : predictor.predictAll(rows)) {
      out.add(json(p));
    }
    return RouteResponse.json(200, JSON.writeValueAsString(out));
  }

  private Map<String, Object> row(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new BadRequestException(where + (where.isEmpty() ? "" : ": ") + "not a JSON object");
    }
    Map<String, Object> row = new HashMap<>();
    for (FeatureSpec f : predictor.features()) {
      String field = where + (where.isEmpty() ? "" : ".") + f.name();
      JsonNode v = node.get(f.name());
      if (v == null) {
        throw new BadRequestException("missing field '" + field + "' (" + f.type().id() + ")");
      }
      if (v.isNull()) {
        row.put(f.name(), null);
      } else if (f.type() == FeatureType.NUMERIC) {
        if (!v.isNumber()) {
          throw new BadRequestException(
              "field '" + field + "': expected a number, got " + abbreviate(v.toString()));
        }
        row.put(f.name(), v.doubleValue());
      } else if (v.isTextual()
          || (f.type() == FeatureType.CATEGORICAL && (v.isNumber() || v.isBoolean()))) {
        row.put(f.name(), v.asText());
      } else {
        throw new BadRequestException(
            "field '" + field + "': expected text, got " + abbreviate(v.toString()));
      }
    }
    return row;
  }

  private static ObjectNode json(OnlinePrediction p) {
    ObjectNode o = JSON.createObjectNode();
    o.set("prediction", JSON.valueToTree(p.prediction()));
    if (p.probability() == null) {
      o.putNull("probability");
    } else {
      o.put("probability", p.probability());
    }
    return o;
  }

  /** The JSON schema of a request body, for the OpenAPI document. */
  ObjectNode requestSchema() {
    ObjectNode row = JSON.createObjectNode().put("type", "object");
    ArrayNode required = row.putArray("required");
    ObjectNode props = row.putObject("properties");
    for (FeatureSpec f : predictor.features()) {
      required.add(f.name());
      props
          .putObject(f.name())
          .put("type", f.type() == FeatureType.NUMERIC ? "number" : "string")
          .put("nullable", true);
    }
    ObjectNode schema = JSON.createObjectNode();
    ArrayNode oneOf = schema.putArray("oneOf");
    oneOf.add(row);
    oneOf.addObject().put("type", "array").set("items", row.deepCopy());
    return schema;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
