package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

class CopyBufferTest {

  private static String text(java.util.function.Consumer<CopyBuffer> write) {
    CopyBuffer b = new CopyBuffer(4);
    write.accept(b);
    return new String(b.drain(), StandardCharsets.UTF_8);
  }

  @Test
  void numbers() {
    assertEquals(
        "-9223372036854775808 0 42",
        text(
            b -> {
              b.putLong(Long.MIN_VALUE);
              b.put(' ');
              b.putLong(0);
              b.put(' ');
              b.putLong(42);
            }));
    assertEquals("-0.05", text(b -> b.putDecimal(-5, 2)));
    assertEquals("12.30", text(b -> b.putDecimal(1230, 2)));
    assertEquals(
        "170141183460469231731687303715884105.727",
        text(b -> b.putDecimal(BigInteger.TWO.pow(127).subtract(BigInteger.ONE), 3)));
  }

  @Test
  void datesAndTimestampsInPostgresForm() {
    assertEquals("2024-02-29", text(b -> b.putDate(LocalDate.of(2024, 2, 29).toEpochDay())));
    assertEquals("0044-03-15 BC", text(b -> b.putDate(LocalDate.of(-43, 3, 15).toEpochDay())));
    Instant t = Instant.parse("1969-12-31T23:59:59.000001Z");
    assertEquals(
        "1969-12-31 23:59:59.000001+00",
        text(b -> b.putTimestamp(t.getEpochSecond(), t.getNano(), true)));
    assertEquals(
        "2024-01-01 00:00:00.123456789",
        text(b -> b.putTimestamp(1704067200L, 123_456_789, false)));
  }

  @Test
  void stringsAreEscapedAsBytes() {
    assertEquals(
        "a\\tb\\\\c\\nd\\r é", text(b -> b.putEscaped(Binary.fromString("a\tb\\c\nd\r é"))));
  }

  /** Reads back a binary numeric field as PostgreSQL's numeric_recv does, into a BigDecimal. */
  private static BigDecimal numeric(java.util.function.Consumer<CopyBuffer> write) {
    CopyBuffer b = new CopyBuffer(4);
    write.accept(b);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b.drain());
    int length = in.getInt();
    int ndigits = in.getShort();
    int weight = in.getShort();
    int sign = in.getShort() & 0xffff;
    int dscale = in.getShort();
    assertEquals(8 + 2 * ndigits, length);
    BigDecimal v = BigDecimal.ZERO;
    for (int i = 0; i < ndigits; i++) {
      int digit = in.getShort();
      assertTrue(digit >= 0 && digit < 10_000, "digit " + digit);
      if (i == 0 || i == ndigits - 1) {
        assertTrue(digit != 0, "leading or trailing zero digit");
      }
      v = v.add(BigDecimal.valueOf(digit).scaleByPowerOfTen(4 * (weight - i)));
    }
    assertEquals(0, in.remaining());
    return (sign == 0x4000 ? v.negate() : v).setScale(dscale);
  }

  @Test
  void numericBinaryFormatHoldsTheExactValue() {
    long[] values = {
      0,
      1,
      -1,
      9999,
      10_000,
      -10_001,
      123_456_789,
      100_000_000,
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      -5,
      1_0000_0000_0001L
    };
    for (int scale = 0; scale <= 19; scale++) {
      for (long v : values) {
        int s = scale;
        assertEquals(
            BigDecimal.valueOf(v, s), numeric(b -> b.putNumericField(v, s)), v + " scale " + s);
      }
    }
    BigInteger big = BigInteger.TEN.pow(37).add(BigInteger.valueOf(123));
    for (int scale : new int[] {0, 2, 20, 37, 40}) {
      assertEquals(
          new BigDecimal(big.negate(), scale),
          numeric(b -> b.putNumericField(big.negate(), scale)),
          "scale " + scale);
      assertEquals(
          new BigDecimal(big, scale),
          numeric(b -> b.putNumericField(big, scale)),
          "scale " + scale);
    }
  }

  @Test
  void subMicrosecondTimestampsRoundAsPostgresRoundsTheirText() {
    // 2000-01-01 is PostgreSQL's epoch; fractions round half to even on the double, as rint() does.
    assertEquals(0, BinaryCopyRows.pgMicros(946_684_800L, 0));
    assertEquals(1, BinaryCopyRows.pgMicros(946_684_800L, 1_000));
    assertEquals(123_457, BinaryCopyRows.pgMicros(946_684_800L, 123_456_789));
    assertEquals(1_000_000, BinaryCopyRows.pgMicros(946_684_800L, 999_999_999));
    assertEquals(-946_684_800_000_000L, BinaryCopyRows.pgMicros(0, 0));
  }
}
