package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableNameTest {

  @Test
  void plainNamesAreLowerCasedAndQuoted() {
    assertEquals("\"orders\"", TableName.parse("Orders").quoted());
    assertEquals("\"sales\".\"orders_2024\"", TableName.parse("sales.orders_2024").quoted());
    assertEquals("sales.orders_2024", TableName.parse("sales.orders_2024").toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "t; DROP TABLE x",
        "t\"",
        "\"t\"",
        "a.b.c",
        "1abc",
        "",
        " ",
        "t--",
        "t x",
        "t'",
        "a.",
        ".a",
        "tÿ"
      })
  void anythingButPlainIdentifiersIsRejected(String name) {
    InvalidLoadRequestException e =
        assertThrows(InvalidLoadRequestException.class, () -> TableName.parse(name));
    assertTrue(e.getMessage().contains("table name"), e.getMessage());
  }

  @Test
  void longNamesAreRejectedNotTruncated() {
    assertThrows(InvalidLoadRequestException.class, () -> TableName.parse("t".repeat(64)));
    assertEquals(63, TableName.parse("t".repeat(63)).table().length());
  }

  @Test
  void columnNamesFromDataAreQuotedWithQuotesDoubled() {
    assertEquals("\"we\"\"ird; DROP TABLE x\"", Identifiers.quote("we\"ird; DROP TABLE x"));
    assertThrows(InvalidLoadRequestException.class, () -> Identifiers.quote("nul\0"));
    assertThrows(InvalidLoadRequestException.class, () -> Identifiers.quote(""));
  }

  @Test
  void modesParseAndUpsertNeedsAKey() {
    assertEquals(LoadMode.UPSERT, LoadMode.parse("Upsert"));
    InvalidLoadRequestException e =
        assertThrows(InvalidLoadRequestException.class, () -> LoadMode.parse("merge"));
    assertEquals(
        "unknown load mode 'merge'; use create, append, replace or upsert", e.getMessage());
  }
}
