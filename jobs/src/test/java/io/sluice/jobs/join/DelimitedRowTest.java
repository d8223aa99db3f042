package io.sluice.jobs.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DelimitedRowTest {

  @Test
  void splitsKeyFromTheOtherFieldsKeepingTheirOrder() {
    assertEquals(new DelimitedRow("1", ",a,b"), DelimitedRow.parse("1,a,b", ',', 1));
    assertEquals(new DelimitedRow("a", ",1,b"), DelimitedRow.parse("1,a,b", ',', 2));
    assertEquals(new DelimitedRow("b", ",1,a"), DelimitedRow.parse("1,a,b", ',', 3));
    assertEquals(new DelimitedRow("k", ""), DelimitedRow.parse("k", ',', 1));
  }

  @Test
  void keepsEmptyFieldsAndTheOtherDelimiter() {
    assertEquals(new DelimitedRow("", ",,x,"), DelimitedRow.parse(",,x,", ',', 1));
    assertEquals(new DelimitedRow("", ",a,"), DelimitedRow.parse("a,,", ',', 2));
    assertEquals(new DelimitedRow("k,1", "\tx y"), DelimitedRow.parse("k,1\tx y", '\t', 1));
  }

  @Test
  void rowsWithoutTheKeyColumnAreRefused() {
    assertNull(DelimitedRow.parse("a,b", ',', 3));
    assertNull(DelimitedRow.parse("", ',', 1));
    assertEquals(
        "left row has 2 column(s); --left-key 3 needs at least 3",
        DelimitedRow.tooFewColumns("a,b", ',', JoinSide.LEFT, 3));
    assertEquals(
        "empty line; --right-key 1 needs at least 1",
        DelimitedRow.tooFewColumns("", ',', JoinSide.RIGHT, 1));
  }

  @Test
  void countsColumns() {
    assertEquals(0, DelimitedRow.columns("", ','));
    assertEquals(1, DelimitedRow.columns("a", ','));
    assertEquals(3, DelimitedRow.columns("a,,", ','));
    assertEquals(1, DelimitedRow.columns("a,b", '\t'));
  }
}
