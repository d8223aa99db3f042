package io.sluice.kv;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An input item's key as the loader handles it: coerced to the key's types, and as text. */
final class ItemKeys {

  private ItemKeys() {}

  /**
   * CSV keys arrive as strings: a number or binary key column is converted (or the row rejected).
   */
  static void coerce(Map<String, AttributeValue> item, KeySchema key) {
    coerce(item, key.partitionKey());
    key.sort().ifPresent(s -> coerce(item, s));
  }

  private static void coerce(Map<String, AttributeValue> item, KeyAttribute attribute) {
    AttributeValue v = item.get(attribute.name());
    if (v == null || v.s() == null || attribute.type() == KeyType.S) {
      return;
    }
    if (attribute.type() == KeyType.N) {
      try {
        item.put(
            attribute.name(), AttributeValue.fromN(new BigDecimal(v.s().strip()).toPlainString()));
      } catch (NumberFormatException e) {
        throw new InvalidItemException(
            "key column '" + attribute.name() + "' is a number, got '" + v.s() + "'");
      }
    } else {
      try {
        item.put(
            attribute.name(),
            AttributeValue.fromB(
                SdkBytes.fromByteArray(Base64.getDecoder().decode(v.s().strip()))));
      } catch (IllegalArgumentException e) {
        throw new InvalidItemException(
            "key column '" + attribute.name() + "' is binary (base64), got '" + v.s() + "'");
      }
    }
  }

  /**
   * A key as text, for the in-flight set and messages: binaries in base64 so equal keys give equal
   * text.
   */
  static String keyText(Map<String, AttributeValue> key) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, AttributeValue> e : key.entrySet()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      AttributeValue v = e.getValue();
      s.append(e.getKey())
          .append('=')
          .append(
              v.s() != null
                  ? v.s()
                  : v.n() != null
                      ? canonical(v.n())
                      : v.b() != null
                          ? "b64:" + Base64.getEncoder().encodeToString(v.b().asByteArray())
                          : v.toString());
    }
    return s.toString();
  }

  /** 1, 1.0 and 1E0 are one DynamoDB number, so one key. */
  private static String canonical(String number) {
    try {
      BigDecimal d = new BigDecimal(number);
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return number;
    }
  }
}
