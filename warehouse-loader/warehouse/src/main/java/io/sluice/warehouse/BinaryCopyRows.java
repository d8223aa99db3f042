package io.sluice.warehouse;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Parquet rows written straight into PostgreSQL's binary COPY format ({@code COPY ... FROM STDIN
 * (FORMAT binary)}): per row a field count, then per field its byte length (-1 for NULL) and the
 * value as the column type's receive function reads it. The server then parses no text at all
 * (dates, timestamps and numerics are the costly ones in text). Only for the flat schemas {@link
 * DirectCopyMaterializer} handles, into columns of exactly the types {@link ParquetTypeMapping}
 * gives them ({@link #supports}); values equal those of the text path, sub-microsecond timestamps
 * included (rounded as PostgreSQL rounds the text fraction).
 *
 * <p>The values come decoded a batch at a time by one {@link FlatColumnDecoder} per column; each
 * column's format is chosen once here, so writing a row is one switch per field and no calls
 * through converters.
 */
final class BinaryCopyRows {

  /** The stream header: signature, flags (none), header extension length (none). */
  static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** The stream trailer: a field count of -1. */
  static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

  /** Days and microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
  private static final int PG_EPOCH_DAYS = 10_957;

  private static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400L * 1_000_000L;

  /** jsonb's binary format: a version byte, then the JSON text. */
  private static final byte JSONB_VERSION = 1;

  /** The information_schema data_type of each SQL type this class writes. */
  private static final Map<String, String> DATA_TYPES =
      Map.of(
          "boolean",
          "boolean",
          "smallint",
          "smallint",
          "integer",
          "integer",
          "bigint",
          "bigint",
          "date",
          "date",
          "timestamp",
          "timestamp without time zone",
          "timestamptz",
          "timestamp with time zone",
          "real",
          "real",
          "double precision",
          "double precision",
          "text",
          "text");

  private static final int BOOLEAN = 0,
      INT16 = 1,
      INT32 = 2,
      INT64 = 3,
      DATE = 4,
      DECIMAL_LONG = 5,
      DECIMAL_BINARY = 6,
      TIMESTAMP_MILLIS = 7,
      TIMESTAMP_MICROS = 8,
      TIMESTAMP_NANOS = 9,
      INT96 = 10,
      TEXT = 11,
      JSONB = 12;

  /**
   * Per column: how its decoded value is written (one of the constants above), and its decimal
   * scale.
   */
  private final int[] formats;

  private final int[] scales;
  private final String[] names;

  BinaryCopyRows(List<ColumnDefinition> columns) {
    int n = columns.size();
    formats = new int[n];
    scales = new int[n];
    names = new String[n];
    for (int i = 0; i < n; i++) {
      ColumnDefinition c = columns.get(i);
      PrimitiveType p = c.parquetType().asPrimitiveType();
      LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
      names[i] = c.name();
      scales[i] = logical instanceof DecimalLogicalTypeAnnotation d ? d.getScale() : 0;
      formats[i] =
          switch (DirectCopyMaterializer.kind(p)) {
            case BOOLEAN -> BOOLEAN;
            case INT ->
                switch (c.sqlType().toLowerCase(Locale.ROOT)) {
                  case "smallint" -> INT16;
                  case "integer" -> INT32;
                  default -> INT64;
                };
            case DATE -> DATE;
            case DECIMAL_INT -> DECIMAL_LONG;
            case DECIMAL_BINARY -> DECIMAL_BINARY;
            case TIMESTAMP ->
                switch (((TimestampLogicalTypeAnnotation) logical).getUnit()) {
                  case MILLIS -> TIMESTAMP_MILLIS;
                  case MICROS -> TIMESTAMP_MICROS;
                  case NANOS -> TIMESTAMP_NANOS;
                };
            case INT96 -> INT96;
            // The decoders hold floats and doubles as their raw bits: sent as they are, like
            // integers.
            case FLOAT -> INT32;
            case DOUBLE -> INT64;
            case STRING -> c.sqlType().equalsIgnoreCase("jsonb") ? JSONB : TEXT;
          };
    }
  }

  /** Appends row {@code row} of the decoded batch (one decoder per column, in column order). */
  void write(FlatColumnDecoder[] columns, int row, CopyBuffer out) {
    out.putInt16(formats.length);
    for (int c = 0; c < formats.length; c++) {
      FlatColumnDecoder column = columns[c];
      if (!column.present[row]) {
        out.putInt32(-1);
        continue;
      }
      switch (formats[c]) {
        case BOOLEAN -> {
          out.putInt32(1);
          out.put((char) column.longs[row]);
        }
        case INT16 -> {
          long v = column.longs[row];
          if (v != (short) v) {
            throw new IllegalArgumentException(
                "column '" + names[c] + "': " + v + " is out of range for type smallint");
          }
          out.putInt32(2);
          out.putInt16((int) v);
        }
        case INT32 -> {
          out.putInt32(4);
          out.putInt32((int) column.longs[row]);
        }
        case INT64 -> {
          out.putInt32(8);
          out.putInt64(column.longs[row]);
        }
        case DATE -> {
          out.putInt32(4);
          out.putInt32(Math.subtractExact((int) column.longs[row], PG_EPOCH_DAYS));
        }
        case DECIMAL_LONG -> out.putNumericField(column.longs[row], scales[c]);
        case DECIMAL_BINARY ->
            out.putNumericField(new BigInteger(column.binaries[row].getBytesUnsafe()), scales[c]);
        case TIMESTAMP_MILLIS -> {
          out.putInt32(8);
          out.putInt64(Math.multiplyExact(column.longs[row], 1000L) - PG_EPOCH_MICROS);
        }
        case TIMESTAMP_MICROS -> {
          out.putInt32(8);
          out.putInt64(column.longs[row] - PG_EPOCH_MICROS);
        }
        case TIMESTAMP_NANOS -> {
          long v = column.longs[row];
          out.putInt32(8);
          out.putInt64(
              pgMicros(Math.floorDiv(v, 1_000_000_000L), (int) Math.floorMod(v, 1_000_000_000L)));
        }
        case INT96 -> {
          Instant instant = ParquetValueText.int96(column.binaries[row]);
          out.putInt32(8);
          out.putInt64(pgMicros(instant.getEpochSecond(), instant.getNano()));
        }
        case TEXT -> {
          Binary v = column.binaries[row];
          out.putInt32(v.length());
          out.putBinary(v);
        }
        case JSONB -> {
          Binary v = column.binaries[row];
          out.putInt32(v.length() + 1);
          out.put((char) JSONB_VERSION);
          out.putBinary(v);
        }
        default -> throw new IllegalStateException("no binary format " + formats[c]);
      }
    }
  }

  /** Whether every column is a flat scalar with a binary format here. */
  static boolean supports(List<ColumnDefinition> columns) {
    return DirectCopyMaterializer.supports(columns)
        && columns.stream().allMatch(c -> dataType(c.sqlType()) != null);
  }

  /**
   * The information_schema data_type a column must have for this class's values, or null when the
   * SQL type has no binary format here. Loading into an existing table, binary is used only when
   * every column's type is exactly this (a text COPY converts, a binary one does not).
   */
  static String dataType(String sqlType) {
    String t = sqlType.toLowerCase(Locale.ROOT);
    if (t.startsWith("numeric(")) {
      return "numeric";
    }
    return t.equals("jsonb") ? "jsonb" : DATA_TYPES.get(t);
  }

  /**
   * Microseconds from 2000-01-01 of an instant, its fraction rounded as PostgreSQL rounds a 9-digit
   * text fraction (the text path's): {@code rint(strtod(fraction) * 1e6)}. {@code nanos / 1e9} is
   * the same double as strtod of its 9 digits, both being the exact quotient correctly rounded.
   */
  static long pgMicros(long epochSecond, int nanos) {
    long micros = nanos % 1000 == 0 ? nanos / 1000 : (long) Math.rint(nanos / 1e9 * 1_000_000);
    return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), micros) - PG_EPOCH_MICROS;
  }
}
