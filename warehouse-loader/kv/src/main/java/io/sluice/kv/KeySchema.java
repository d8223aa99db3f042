package io.sluice.kv;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A table's primary key: a partition key and an optional sort key. */
public record KeySchema(KeyAttribute partitionKey, KeyAttribute sortKey) {

  public KeySchema {
    Objects.requireNonNull(partitionKey, "partitionKey");
    if (sortKey != null && sortKey.name().equals(partitionKey.name())) {
      throw new IllegalArgumentException(
          "the sort key must differ from the partition key, both are '" + sortKey.name() + "'");
    }
  }

  public static KeySchema of(KeyAttribute partitionKey) {
    return new KeySchema(partitionKey, null);
  }

  public Optional<KeyAttribute> sort() {
    return Optional.ofNullable(sortKey);
  }

  /**
   * The key of one item from values typed on a command line; numbers and base64 binaries are
   * checked.
   */
  public Map<String, AttributeValue> keyOf(String partitionValue, String sortValue) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put(partitionKey.name(), value(partitionKey, partitionValue));
    if (sortKey != null) {
      if (sortValue == null) {
        throw new InvalidItemException(
            "table key has a sort key '" + sortKey.name() + "': give its value too");
      }
      key.put(sortKey.name(), value(sortKey, sortValue));
    } else if (sortValue != null) {
      throw new InvalidItemException(
          "the table has no sort key, but a sort key value was given: '" + sortValue + "'");
    }
    return key;
  }

  /** The key attributes of an item; throws naming the attribute when one is missing or mistyped. */
  public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put(partitionKey.name(), keyValue(partitionKey, item));
    if (sortKey != null) {
      key.put(sortKey.name(), keyValue(sortKey, item));
    }
    return key;
  }

  /** Renders a key for messages, e.g. {@code id=42, ts=2024-01-01}. */
  public static String describe(Map<String, AttributeValue> key) {
    StringBuilder s = new StringBuilder();
    key.forEach(
        (name, v) -> {
          if (s.length() > 0) {
            s.append(", ");
          }
          s.append(name)
              .append('=')
              .append(
                  v.s() != null
                      ? v.s()
                      : v.n() != null
                          ? v.n()
                          : v.b() != null
                              ? "<" + v.b().asByteArray().length + " bytes>"
                              : v.toString());
        });
    return s.toString();
  }

  private static AttributeValue keyValue(KeyAttribute attribute, Map<String, AttributeValue> item) {
    AttributeValue v = item.get(attribute.name());
    if (v == null || Boolean.TRUE.equals(v.nul())) {
      throw new InvalidItemException("key attribute '" + attribute.name() + "' is missing or null");
    }
    boolean ok =
        switch (attribute.type()) {
          case S -> v.s() != null && !v.s().isEmpty();
          case N -> v.n() != null;
          case B -> v.b() != null && v.b().asByteArray().length > 0;
        };
    if (!ok) {
      throw new InvalidItemException(
          "key attribute '"
              + attribute.name()
              + "' must be a non-empty "
              + attribute.type()
              + " value, got "
              + v);
    }
    return v;
  }

  static AttributeValue value(KeyAttribute attribute, String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidItemException(
          "key attribute '" + attribute.name() + "' needs a non-empty value");
    }
    return switch (attribute.type()) {
      case S -> AttributeValue.fromS(text);
      case N -> {
        try {
          yield AttributeValue.fromN(new BigDecimal(text.trim()).toPlainString());
        } catch (NumberFormatException e) {
          throw new InvalidItemException(
              "key attribute '" + attribute.name() + "' is a number, got '" + text + "'");
        }
      }
      case B -> {
        try {
          yield AttributeValue.fromB(
              SdkBytes.fromByteArray(Base64.getDecoder().decode(text.trim())));
        } catch (IllegalArgumentException e) {
          throw new InvalidItemException(
              "key attribute '"
                  + attribute.name()
                  + "' is binary: give it as base64, got '"
                  + text
                  + "'");
        }
      }
    };
  }
}
