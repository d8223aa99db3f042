package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

  @Test
  void quotesEscapedQuotesCrlfAndMultiLineFields() throws Exception {
    CsvRecordReader r =
        new CsvRecordReader(
            new StringReader("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,"));
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
    CsvRecordReader later =
        new CsvRecordReader(new StringReader("a,b\r\n\"x\ny\",2\r\n3,\"open\n4\n"));
    assertEquals("a,b", later.read().raw());
    CsvRecordReader.CsvRecord multiLine = later.read();
    assertEquals("\"x\ny\",2", multiLine.raw());
    assertEquals(List.of("x\ny", "2"), multiLine.fields());
    CsvRecordReader.CsvRecord open = later.read();
    assertEquals(4, open.line());
    assertEquals("3,\"open\n4\n", open.raw());
    assertEquals("unterminated quoted field", open.error());
    assertNull(later.read());
  }

  @Test
  void rawTextBlankLinesAndTextAfterAClosingQuote() throws Exception {
    CsvRecordReader r = new CsvRecordReader(new StringReader("\"ab\"c,d\n\n\"\"\ne,f"));
    CsvRecordReader.CsvRecord first = r.read();
    assertEquals(List.of("abc", "d"), first.fields());
    assertEquals("\"ab\"c,d", first.raw());
    CsvRecordReader.CsvRecord blank = r.read();
    assertEquals(List.of(""), blank.fields());
    assertEquals("", blank.raw());
    assertEquals("\"\"", r.read().raw());
    CsvRecordReader.CsvRecord last = r.read();
    assertEquals(4, last.line());
    assertEquals("e,f", last.raw());
    assertNull(r.read());
  }

  @Test
  void typeChecksNameTheValue() {
    assertEquals("'seven' is not a bigint", CsvColumnType.BIGINT.check("seven"));
    assertNull(CsvColumnType.TIMESTAMP.check("2024-01-02 03:04:05.123"));
    assertEquals(CsvColumnType.DATE, CsvColumnType.infer(List.of("2024-01-01", "", "2024-02-29")));
    assertEquals(CsvColumnType.TEXT, CsvColumnType.infer(List.of("1", "x")));
  }
}
