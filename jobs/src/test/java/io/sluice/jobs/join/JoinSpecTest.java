package io.sluice.jobs.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.jobs.BadInputException;
import io.sluice.storage.StorageUri;
import org.junit.jupiter.api.Test;

class JoinSpecTest {

  @Test
  void parsesTheTwoDelimiters() {
    assertEquals(',', JoinSpec.parseDelimiter(","));
    assertEquals('\t', JoinSpec.parseDelimiter("\\t"));
    assertEquals('\t', JoinSpec.parseDelimiter("tab"));
    BadInputException e = assertThrows(BadInputException.class, () -> JoinSpec.parseDelimiter(";"));
    assertEquals("--delimiter must be ',' or '\\t' (tab), got ';'", e.getMessage());
  }

  @Test
  void parsesJoinTypes() {
    assertEquals(JoinType.INNER, JoinType.parse("inner"));
    assertEquals(JoinType.LEFT_OUTER, JoinType.parse("Left-Outer"));
    assertEquals(
        "--type must be inner or left-outer, got 'full'",
        assertThrows(BadInputException.class, () -> JoinType.parse("full")).getMessage());
  }

  @Test
  void padsUnmatchedLeftRowsWithOneEmptyFieldPerNonKeyRightColumn() {
    assertEquals(",,", spec(',', 3).missingRightFields());
    assertEquals("\t", spec('\t', 2).missingRightFields());
    assertEquals("", spec(',', 1).missingRightFields());
  }

  @Test
  void refusesColumnsBelowOne() {
    assertEquals(
        "--left-key is a 1-based column number, got 0",
        assertThrows(BadInputException.class, () -> JoinSpec.requireColumn("left-key", 0))
            .getMessage());
  }

  private static JoinSpec spec(char delimiter, int rightColumns) {
    return new JoinSpec(
        StorageUri.parse("/l"),
        StorageUri.parse("/r"),
        1,
        1,
        delimiter,
        JoinType.LEFT_OUTER,
        rightColumns,
        1);
  }
}
