package io.sluice.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.jobs.RejectedRecord;

/**
 * Reads one quarantined record, the JSON object {@link RejectedRecord#toJson()} writes, with
 * Jackson.
 */
final class RejectedJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RejectedJson() {}

  /**
   * @throws IllegalArgumentException when the line is not one JSON object
   */
  static RejectedRecord parse(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a rejected record (JSON object): " + line + " (" + e.getOriginalMessage() + ")", e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a rejected record (JSON object): " + line);
    }
    return new RejectedRecord(
        text(node, "source"),
        node.path("position").asLong(-1),
        text(node, "field"),
        text(node, "reason"),
        text(node, "record"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
