package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void hidesTheUserInfoPassword() {
    assertEquals(
        "cannot connect to postgresql://sluice:***@db.example:5432/lake, retry",
        Redaction.redact(
            "cannot connect to postgresql://sluice:s3cr/et;x@db.example:5432/lake, retry"));
    assertEquals("postgresql://sluice@db/lake", Redaction.redact("postgresql://sluice@db/lake"));
  }

  @Test
  void hidesPasswordParametersOfJdbcUrls() {
    assertEquals(
        "jdbc:redshift://c.example:5439/dev?user=u&password=***&ssl=true",
        Redaction.redact("jdbc:redshift://c.example:5439/dev?user=u&password=p%40ss&ssl=true"));
    assertEquals(
        "jdbc:postgresql://h/db?PASSWORD=***",
        Redaction.redact("jdbc:postgresql://h/db?PASSWORD=hunter2"));
    assertEquals("jdbc:x://h;user=u;pwd=***", Redaction.redact("jdbc:x://h;user=u;pwd=hunter2"));
  }

  @Test
  void leavesOtherTextAlone() {
    assertEquals("duckdb: Parser Error: x", Redaction.redact("duckdb: Parser Error: x"));
    assertNull(Redaction.redact(null));
  }
}
