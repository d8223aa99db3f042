package io.sluice.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RejectedRecordTest {

  @Test
  void jsonEscapesControlCharactersAndLoneSurrogates() {
    RejectedRecord r = new RejectedRecord("s3a://b/in.csv", 12, "age", "not an integer: \"x\"", "a\tb\u0001\uD800");
    assertEquals("{\"source\":\"s3a://b/in.csv\",\"position\":12,\"field\":\"age\","
        + "\"reason\":\"not an integer: \\\"x\\\"\",\"record\":\"a\\tb\\u0001\\ud800\"}", r.toJson());
  }

  @Test
  void wholeRecordRejectionHasNullField() {
    assertEquals("{\"source\":\"f\",\"position\":-1,\"field\":null,\"reason\":\"short record\",\"record\":null}",
        new RejectedRecord("f", -1, null, "short record", null).toJson());
  }
}
