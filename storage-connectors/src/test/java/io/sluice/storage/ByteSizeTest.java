package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void exactBelowOneKibibyteThenOneDecimalInBinaryUnits() {
    assertEquals("0 B", ByteSize.format(0));
    assertEquals("1023 B", ByteSize.format(1023));
    assertEquals("1.0 KiB", ByteSize.format(1024));
    assertEquals("1.5 KiB", ByteSize.format(1536));
    assertEquals("74.8 MiB", ByteSize.format(78_433_484L));
    assertEquals("1.0 GiB", ByteSize.format(1L << 30));
    assertEquals("8.0 EiB", ByteSize.format(Long.MAX_VALUE));
  }

  @Test
  void everySparkSuffixIsABinaryUnitInAnyCase() {
    assertEquals(5, ByteSize.parseBytes("5b"));
    assertEquals(5L << 10, ByteSize.parseBytes("5k"));
    assertEquals(5L << 10, ByteSize.parseBytes("5KB"));
    assertEquals(5L << 20, ByteSize.parseBytes("5m"));
    assertEquals(5L << 20, ByteSize.parseBytes("5Mb"));
    assertEquals(5L << 30, ByteSize.parseBytes("5g"));
    assertEquals(5L << 30, ByteSize.parseBytes("5GB"));
    assertEquals(5L << 40, ByteSize.parseBytes("5t"));
    assertEquals(5L << 40, ByteSize.parseBytes("5tb"));
    assertEquals(5L << 50, ByteSize.parseBytes("5p"));
    assertEquals(5L << 50, ByteSize.parseBytes("5PB"));
    assertEquals(8L << 20, ByteSize.parseBytes("8MiB"), "IEC spellings are the same units");
    assertEquals(512L << 10, ByteSize.parseBytes(" 512 KiB "));
  }

  @Test
  void aBareNumberIsInTheCallersDefaultUnit() {
    assertEquals(1048576, ByteSize.parseBytes("1048576"));
    assertEquals(700, ByteSize.parseMiB("700"), "Spark memory settings default to MiB");
    assertEquals(2048, ByteSize.parseMiB("2g"));
    assertEquals(512, ByteSize.parseMiB("512m"));
    assertEquals(0, ByteSize.parseMiB("512k"), "rounded down, as Spark does");
    assertEquals(3, ByteSize.parse("3", ByteSize.Unit.GIB, ByteSize.Unit.GIB));
    assertEquals(3L << 30, ByteSize.parse("3", ByteSize.Unit.GIB, ByteSize.Unit.BYTE));
  }

  @Test
  void fractionsUnknownUnitsAndOverflowAreRefused() {
    assertEquals(
        "fractional sizes are not supported: 1.5g",
        assertThrows(NumberFormatException.class, () -> ByteSize.parseMiB("1.5g")).getMessage());
    assertEquals(
        "invalid unit \"x\"",
        assertThrows(NumberFormatException.class, () -> ByteSize.parseBytes("5x")).getMessage());
    assertEquals(
        "not a size: lots",
        assertThrows(NumberFormatException.class, () -> ByteSize.parseBytes("lots")).getMessage());
    assertThrows(NumberFormatException.class, () -> ByteSize.parseBytes(""));
    assertThrows(NumberFormatException.class, () -> ByteSize.parseBytes("-5m"));
    assertThrows(NumberFormatException.class, () -> ByteSize.parseBytes("8192p"));
    assertThrows(NumberFormatException.class, () -> ByteSize.parseBytes("99999999999999999999"));
  }
}
