package io.sluice.jobs.spark;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Strings in the order of their UTF-8 bytes, unsigned (Hadoop's {@code Text} and Spark SQL's
 * strings sort so), which is code point order; {@link String#compareTo}'s UTF-16 order differs for
 * characters above U+FFFF. For strings decoded from bytes, which hold no lone surrogates.
 */
public final class Utf8Order implements Comparator<String>, Serializable {
  private static final long serialVersionUID = 1L;

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
