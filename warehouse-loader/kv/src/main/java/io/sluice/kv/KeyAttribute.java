package io.sluice.kv;

import java.util.Objects;

/** One key attribute of a table: its name and scalar type. */
public record KeyAttribute(String name, KeyType type) {

  public KeyAttribute {
    Objects.requireNonNull(type, "type");
    if (name == null || name.isEmpty() || name.length() > 255) {
      throw new IllegalArgumentException(
          "a key attribute name is 1..255 characters, got '" + name + "'");
    }
  }

  /** Parses {@code name} (a string key) or {@code name:S|N|B}. */
  public static KeyAttribute parse(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon < 0) {
      return new KeyAttribute(spec, KeyType.S);
    }
    return new KeyAttribute(spec.substring(0, colon), KeyType.parse(spec.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return name + ":" + type;
  }
}
