package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

  @Test
  void quotesEscapedQuotesCrlfAndMultiLineFields() throws Exception {
    CsvRecordReader r = new CsvRecordReader(new StringReader("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,"));
    assertEquals(List.of("a", "b"), r.read().fields());
    CsvRecordReader.CsvRecord second = r.read();
    assertEquals(List.of("x,1", "say \"hi\""), second.fields());
    assertEquals(2, second.line());
    CsvRecordReader.CsvRecord third = r.read();
    assertEquals(List.of("two\nlines", "z"), third.fields());
    assertEquals(3, third.line());
    CsvRecordReader.CsvRecord fourth = r.read();
    assertEquals(5, fourth.line());
    assertEquals(List.of("last", ""), fourth.fields());
    assertNull(r.read());
  }

  @Test
  void anUnterminatedQuoteIsAnErrorOfThatRecord() throws Exception {
    CsvRecordReader r = new CsvRecordReader(new StringReader("1,\"open\n2,3\n"));
    assertEquals("unterminated quoted field", r.read().error());
  }

  @Test
  void typeChecksNameTheValue() {
    assertEquals("'seven' is not a bigint", CsvColumnType.BIGINT.check("seven"));
    assertNull(CsvColumnType.TIMESTAMP.check("2024-01-02 03:04:05.123"));
    assertEquals(CsvColumnType.DATE, CsvColumnType.infer(List.of("2024-01-01", "", "2024-02-29")));
    assertEquals(CsvColumnType.TEXT, CsvColumnType.infer(List.of("1", "x")));
  }
}
