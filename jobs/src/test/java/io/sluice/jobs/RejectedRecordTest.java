package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RejectedRecordTest {

  @Test
  void jsonEscapesQuotesAndControlCharacters() {
    RejectedRecord r =
        new RejectedRecord(
            "s3a://b/in.csv", 12, "age", "not an integer: \"x\"", "a\tb\u0001\b\u001f");
    assertEquals(
        "{\"source\":\"s3a://b/in.csv\",\"position\":12,\"field\":\"age\","
            + "\"reason\":\"not an integer: \\\"x\\\"\",\"record\":\"a\\tb\\u0001\\b\\u001F\"}",
        r.toJson());
  }

  @Test
  void nonAsciiStaysAsIs() {
    // Jackson writes a lone surrogate as it is; encoded as UTF-8 it becomes '?', as any such char
    // would.
    assertEquals(
        "{\"source\":\"f\",\"position\":1,\"field\":null,\"reason\":\"M\u00fchle \uD83D\uDE00\","
            + "\"record\":\"\uD800\"}",
        new RejectedRecord("f", 1, null, "M\u00fchle \uD83D\uDE00", "\uD800").toJson());
  }

  @Test
  void wholeRecordRejectionHasNullField() {
    assertEquals(
        "{\"source\":\"f\",\"position\":-1,\"field\":null,\"reason\":\"short record\",\"record\":null}",
        new RejectedRecord("f", -1, null, "short record", null).toJson());
  }
}
