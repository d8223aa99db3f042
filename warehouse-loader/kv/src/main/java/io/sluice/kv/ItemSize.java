package io.sluice.kv;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against the 400 KB limit: attribute names plus values (UTF-8
 * strings, raw binaries, about one byte per two significant digits of a number, one byte for
 * booleans and nulls, three bytes plus one per element for lists and maps).
 */
public final class ItemSize {

  private ItemSize() {}

  public static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8(e.getKey()) + of(e.getValue());
    }
    return size;
  }

  static long of(AttributeValue v) {
    if (v.s() != null) {
      return utf8(v.s());
    }
    if (v.n() != null) {
      return number(v.n());
    }
    if (v.b() != null) {
      return v.b().asByteArray().length;
    }
    if (v.bool() != null || v.nul() != null) {
      return 1;
    }
    if (v.hasL()) {
      long size = 3;
      for (AttributeValue e : v.l()) {
        size += 1 + of(e);
      }
      return size;
    }
    if (v.hasM()) {
      long size = 3;
      for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
        size += 1 + utf8(e.getKey()) + of(e.getValue());
      }
      return size;
    }
    if (v.hasSs()) {
      return v.ss().stream().mapToLong(ItemSize::utf8).sum();
    }
    if (v.hasNs()) {
      return v.ns().stream().mapToLong(ItemSize::number).sum();
    }
    if (v.hasBs()) {
      return v.bs().stream().mapToLong(b -> ((SdkBytes) b).asByteArray().length).sum();
    }
    return 1;
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static long number(String n) {
    try {
      BigDecimal d = new BigDecimal(n).stripTrailingZeros();
      return (d.precision() + 1) / 2 + 1; // one byte per two significant digits, plus one
    } catch (NumberFormatException e) {
      return utf8(n); // the server rejects it; the size hardly matters
    }
  }
}
