package io.sluice.kv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items as plain JSON (strings, numbers, booleans, null, arrays, objects) for the command line and
 * quarantine files, through the SDK's document conversion, so no attribute-value syntax leaks to
 * users.
 */
public final class Json {

  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** An item from a JSON object; a clear error naming the problem when the text is not one. */
  public static Map<String, AttributeValue> toItem(String json) {
    String text = json == null ? "" : json.strip();
    if (!text.startsWith("{")) {
      throw new InvalidItemException(
          oneLine(
              "an item is a JSON object such as {\"id\": \"a1\", \"n\": 5}, got: "
                  + abbreviate(text)));
    }
    try {
      return EnhancedDocument.fromJson(text).toMap();
    } catch (RuntimeException e) {
      throw new InvalidItemException(
          oneLine("not a valid JSON item: " + abbreviate(text) + ": " + e.getMessage()), e);
    }
  }

  /**
   * An attribute value from JSON text, or a bare word taken as a string ({@code --set name=Ann}).
   */
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

  /** Writes the fields of one JSON object. */
  @FunctionalInterface
  interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  /** One JSON object, {@code fields} written between its braces by Jackson's generator. */
  static String object(Fields fields) {
    StringWriter text = new StringWriter(128);
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /** The item's text and the parser's message may hold line breaks; a user error is one line. */
  private static String oneLine(String message) {
    return message.replaceAll("\\R", " ");
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
