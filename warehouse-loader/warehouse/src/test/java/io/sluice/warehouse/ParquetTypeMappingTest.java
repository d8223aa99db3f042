package io.sluice.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class ParquetTypeMappingTest {

  private static List<String> pg(String schema) {
    return ParquetTypeMapping.columns(
            MessageTypeParser.parseMessageType(schema), SqlDialect.POSTGRESQL)
        .stream()
        .map(ColumnDefinition::ddl)
        .toList();
  }

  @Test
  void scalarsDecimalsDatesAndTimestamps() {
    assertEquals(
        List.of(
            "\"a\" integer",
            "\"b\" bigint",
            "\"c\" numeric(38,9)",
            "\"d\" numeric(5,2)",
            "\"e\" date",
            "\"f\" timestamptz",
            "\"g\" timestamp",
            "\"h\" timestamptz",
            "\"i\" text",
            "\"j\" bytea",
            "\"k\" smallint",
            "\"l\" numeric(20,0)",
            "\"m\" uuid",
            "\"n\" jsonb",
            "\"o\" time"),
        pg(
            "message m { required int32 a; optional int64 b; optional fixed_len_byte_array(16) c (DECIMAL(38,9));"
                + " optional int32 d (DECIMAL(5,2)); optional int32 e (DATE); optional int64 f (TIMESTAMP(MICROS,true));"
                + " optional int64 g (TIMESTAMP(NANOS,false)); optional int96 h; optional binary i (STRING); optional binary j;"
                + " optional int32 k (INTEGER(16,true)); optional int64 l (INTEGER(64,false));"
                + " optional fixed_len_byte_array(16) m (UUID); optional binary n (JSON); optional int64 o (TIME(MICROS,true)); }"));
  }

  @Test
  void listsOfScalarsAreArraysEverythingNestedIsJson() {
    assertEquals(
        List.of(
            "\"tags\" text[]",
            "\"legacy\" integer[]",
            "\"points\" jsonb",
            "\"props\" jsonb",
            "\"s\" jsonb"),
        pg(
            "message m { optional group tags (LIST) { repeated group list { optional binary element (STRING); } }"
                + " optional group legacy (LIST) { repeated int32 array; }"
                + " optional group points (LIST) { repeated group list { optional group element { optional double x; } } }"
                + " optional group props (MAP) { repeated group key_value { required binary key (STRING); optional int32 value; } }"
                + " optional group s { optional int32 a; } }"));
  }

  @Test
  void intervalIsNamedAsUnsupported() {
    UnsupportedColumnTypeException e =
        assertThrows(
            UnsupportedColumnTypeException.class,
            () ->
                pg(
                    "message m { optional group s { optional fixed_len_byte_array(12) span (INTERVAL); } }"));
    assertEquals(
        "column 's.span' has Parquet type INTERVAL, which postgresql cannot hold;"
            + " cast it to a number of seconds or a string before loading",
        e.getMessage());
  }

  @Test
  void int96IsSparksInstant() {
    byte[] bytes = new byte[12];
    java.nio.ByteBuffer.wrap(bytes)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(3_600_000_000_000L)
        .putInt(2_440_589);
    assertEquals(
        "1970-01-02T01:00:00Z",
        ParquetValueText.int96(org.apache.parquet.io.api.Binary.fromConstantByteArray(bytes))
            .toString());
  }
}
