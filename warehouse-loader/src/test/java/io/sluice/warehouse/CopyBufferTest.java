package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    assertEquals("-9223372036854775808 0 42", text(b -> {
      b.putLong(Long.MIN_VALUE);
      b.put(' ');
      b.putLong(0);
      b.put(' ');
      b.putLong(42);
    }));
    assertEquals("-0.05", text(b -> b.putDecimal(-5, 2)));
    assertEquals("12.30", text(b -> b.putDecimal(1230, 2)));
    assertEquals("170141183460469231731687303715884105.727",
        text(b -> b.putDecimal(BigInteger.TWO.pow(127).subtract(BigInteger.ONE), 3)));
  }

  @Test
  void datesAndTimestampsInPostgresForm() {
    assertEquals("2024-02-29", text(b -> b.putDate(LocalDate.of(2024, 2, 29).toEpochDay())));
    assertEquals("0044-03-15 BC", text(b -> b.putDate(LocalDate.of(-43, 3, 15).toEpochDay())));
    Instant t = Instant.parse("1969-12-31T23:59:59.000001Z");
    assertEquals("1969-12-31 23:59:59.000001+00", text(b -> b.putTimestamp(t.getEpochSecond(), t.getNano(), true)));
    assertEquals("2024-01-01 00:00:00.123456789", text(b -> b.putTimestamp(1704067200L, 123_456_789, false)));
  }

  @Test
  void stringsAreEscapedAsBytes() {
    assertEquals("a\\tb\\\\c\\nd\\r é", text(b -> b.putEscaped(Binary.fromString("a\tb\\c\nd\r é"))));
  }
}
