package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
