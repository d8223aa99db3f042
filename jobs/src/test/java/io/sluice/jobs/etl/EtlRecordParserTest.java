package io.sluice.jobs.etl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.BadInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtlRecordParserTest {

  private static final EtlSchema SCHEMA =
      EtlSchema.parse(
          """
      {"fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string", "nullable": false},
        {"name": "price", "type": "double"},
        {"name": "qty", "type": "int"},
        {"name": "ok", "type": "boolean"},
        {"name": "day", "type": "date"},
        {"name": "at", "type": "timestamp"}],
       "key": ["id"], "partitionBy": "day"}
      """,
          false,
          "test");

  private static long micros(String instant) {
    Instant t = Instant.parse(instant);
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
  }

  private static int day(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  @Test
  void csvRowsAreTrimmedAndTyped() {
    EtlRecordParser p = new EtlRecordParser(SCHEMA, EtlFormat.CSV, "f.csv");
    assertEquals(
        ParsedRecord.Kind.HEADER, p.parse(1, "\uFEFFat, day,ok,qty,price,name,id,extra").kind());
    ParsedRecord r =
        p.parse(2, "2024-03-01 10:15:30.5, 2024-03-01 ,YES, 7 ,+1.5e2,\" Ada, \"\"A\"\"\",42,x");
    assertEquals(ParsedRecord.Kind.ROW, r.kind(), r.reason());
    assertArrayEquals(
        new Object[] {
          42L, "Ada, \"A\"", 150.0, 7, true, day("2024-03-01"), micros("2024-03-01T10:15:30.500Z")
        },
        r.values());
    ParsedRecord empty = p.parse(3, "2024-03-01T12:00:00+02:00,2024-03-01,,,,Bo,43,");
    assertArrayEquals(
        new Object[] {
          43L, "Bo", null, null, null, day("2024-03-01"), micros("2024-03-01T10:00:00Z")
        },
        empty.values());
  }

  @Test
  void csvRejectionsNameFieldAndReason() {
    EtlRecordParser p = new EtlRecordParser(SCHEMA, EtlFormat.CSV, "f.csv");
    p.parse(1, "id,name,price,qty,ok,day,at");
    assertRejected(
        p.parse(2, "1,a,2.0,3,true,2024-03-01"), null, "has 6 columns, the header has 7");
    assertRejected(p.parse(3, "1,a,12.3.4,3,true,2024-03-01,"), "price", "not a number: '12.3.4'");
    assertRejected(
        p.parse(4, "1,a,1,3000000000,true,2024-03-01,"),
        "qty",
        "out of range for int: '3000000000'");
    assertRejected(p.parse(5, "1,a,1,1,maybe,2024-03-01,"), "ok", "not a boolean");
    assertRejected(
        p.parse(6, "1,a,1,1,true,2024-02-30,"), "day", "not a date (yyyy-MM-dd): '2024-02-30'");
    assertRejected(p.parse(7, "1,a,1,1,true,2024-03-01,yesterday"), "at", "not a timestamp");
    assertRejected(
        p.parse(8, "1, ,1,1,true,2024-03-01,"), "name", "missing value for a non-nullable field");
    assertRejected(p.parse(9, ",a,1,1,true,2024-03-01,"), "id", "missing value for key field");
    assertRejected(
        p.parse(10, "1,\"a,1,1,true,2024-03-01,"), null, "unterminated quoted field in column 2");
    assertRejected(p.parse(11, "   "), null, "empty line");
  }

  @Test
  void headerWithoutASchemaColumnStopsTheRun() {
    EtlRecordParser p = new EtlRecordParser(SCHEMA, EtlFormat.CSV, "hdfs://nn/in/f.csv");
    BadInputException e =
        assertThrows(BadInputException.class, () -> p.parse(1, "id,name,price,qty,ok,day"));
    assertEquals(
        "column 'at' named by the schema is missing from the CSV header of hdfs://nn/in/f.csv"
            + " (header: id,name,price,qty,ok,day)",
        e.getMessage());
  }

  @Test
  void jsonLines() {
    EtlRecordParser p = new EtlRecordParser(SCHEMA, EtlFormat.JSONL, "f.jsonl");
    ParsedRecord r =
        p.parse(
            1,
            "{\"id\": 5, \"name\": \" Eve \", \"price\": \"2.50\", \"qty\": 2, \"ok\": false,"
                + " \"day\": \"2024-03-05\", \"extra\": [1]}");
    assertEquals(ParsedRecord.Kind.ROW, r.kind(), r.reason());
    assertArrayEquals(new Object[] {5L, "Eve", 2.5, 2, false, day("2024-03-05"), null}, r.values());
    assertRejected(p.parse(2, "{\"id\": 5, \"name\": \"x\""), null, "malformed JSON");
    assertRejected(p.parse(3, "[1, 2]"), null, "not a JSON object");
    assertRejected(p.parse(4, "{\"id\": 5.5, \"name\": \"x\"}"), "id", "not a long: 5.5");
    assertRejected(
        p.parse(5, "{\"id\": 5, \"name\": {\"first\": \"x\"}}"),
        "name",
        "expected string, found a JSON object");
    assertRejected(p.parse(6, "{\"id\": 5} {\"id\": 6}"), null, "malformed JSON");
  }

  private static void assertRejected(ParsedRecord r, String field, String reasonStart) {
    assertEquals(ParsedRecord.Kind.REJECTED, r.kind());
    assertEquals(field, r.field(), r.reason());
    assertTrue(r.reason().startsWith(reasonStart), r.reason());
    assertNull(r.values());
  }

  @Test
  void csvFieldSplitting() throws Exception {
    assertEquals(List.of("a", "", " b ", "c,d", ""), CsvFields.split("a,, b ,\"c,d\","));
    assertThrows(InvalidValueException.class, () -> CsvFields.split("\"a\"b,c"));
  }

  @Test
  void partitionDirectoriesAreSpeltLikeSparks() {
    assertEquals(
        "day=2024-03-01", PartitionPath.directory("day", FieldType.DATE, day("2024-03-01")));
    assertEquals("c=a%2Fb%3Dc%25 d", PartitionPath.directory("c", FieldType.STRING, "a/b=c% d"));
    assertEquals(
        "c=__HIVE_DEFAULT_PARTITION__", PartitionPath.directory("c", FieldType.STRING, null));
    assertEquals("n=-7", PartitionPath.directory("n", FieldType.INT, -7));
  }
}
