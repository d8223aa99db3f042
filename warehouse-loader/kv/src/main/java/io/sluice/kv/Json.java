package io.sluice.kv;

import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items as plain JSON (strings, numbers, booleans, null, arrays, objects) for the command line
 * and quarantine files, through the SDK's document conversion, so no attribute-value syntax leaks
 * to users.
 */
public final class Json {

  private Json() {}

  /** An item from a JSON object; a clear error naming the problem when the text is not one. */
  public static Map<String, AttributeValue> toItem(String json) {
    String text = json == null ? "" : json.strip();
    if (!text.startsWith("{")) {
      throw new InvalidItemException("an item is a JSON object such as {\"id\": \"a1\", \"n\": 5}, got: " + abbreviate(text));
    }
    try {
      return EnhancedDocument.fromJson(text).toMap();
    } catch (RuntimeException e) {
      throw new InvalidItemException("not a valid JSON item: " + abbreviate(text) + ": " + e.getMessage(), e);
    }
  }

  /** An attribute value from JSON text, or a bare word taken as a string ({@code --set name=Ann}). */
  public static AttributeValue toValue(String json) {
    String text = json.strip();
    try {
      return EnhancedDocument.fromJson("{\"v\":" + text + "}").toMap().get("v");
    } catch (RuntimeException e) {
      return AttributeValue.fromS(json);
    }
  }

  public static String toJson(Map<String, AttributeValue> item) {
    return EnhancedDocument.fromAttributeValueMap(item).toJson();
  }

  /** A JSON string literal. */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
