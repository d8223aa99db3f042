package io.sluice.kv;

import java.util.Locale;

/** The scalar types a DynamoDB key attribute can have: string, number, binary. */
public enum KeyType {
  S,
  N,
  B;

  /** Parses "S", "N" or "B" (any case), or the words string/number/binary. */
  public static KeyType parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "s", "string" -> {
        return S;
      }
      case "n", "number" -> {
        return N;
      }
      case "b", "binary" -> {
        return B;
      }
      default ->
          throw new IllegalArgumentException(
              "key type must be S (string), N (number) or B (binary), got '" + text + "'");
    }
  }
}
