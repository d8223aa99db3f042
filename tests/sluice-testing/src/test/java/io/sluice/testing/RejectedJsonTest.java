package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.jobs.RejectedRecord;
import org.junit.jupiter.api.Test;

class RejectedJsonTest {

  @Test
  void readsBackWhatRejectedRecordWrites() {
    for (RejectedRecord r :
        new RejectedRecord[] {
          new RejectedRecord(
              "hdfs://127.0.0.1:1/in/a.csv",
              42,
              "column 2",
              "has \"quotes\" and \\ and\ttab",
              "x,y"),
          new RejectedRecord("file:/a", -1, null, "null field", null),
          new RejectedRecord(
              "s3a://b/k",
              7,
              "f",
              "control \u0001 and lone surrogate \uD800 and emoji \uD83D\uDE00",
              "Mühle\n")
        }) {
      assertEquals(r, RejectedJson.parse(r.toJson()));
    }
  }

  @Test
  void refusesWhatIsNotARecord() {
    assertThrows(IllegalArgumentException.class, () -> RejectedJson.parse("not json"));
    assertThrows(IllegalArgumentException.class, () -> RejectedJson.parse("{\"source\":\"a\""));
    assertThrows(
        IllegalArgumentException.class, () -> RejectedJson.parse("{\"source\":\"a\"} trailing"));
  }
}
