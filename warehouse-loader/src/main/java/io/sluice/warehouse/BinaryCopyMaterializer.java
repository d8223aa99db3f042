package io.sluice.warehouse;

import io.sluice.warehouse.DirectCopyMaterializer.Kind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Parquet rows written straight into PostgreSQL's binary COPY format ({@code COPY ... FROM STDIN
 * (FORMAT binary)}): per row a field count, then per field its byte length (-1 for NULL) and the
 * value as the column type's receive function reads it. The server then parses no text at all
 * (dates, timestamps and numerics are the costly ones in text). Only for the flat schemas
 * {@link DirectCopyMaterializer} handles, into columns of exactly the types
 * {@link ParquetTypeMapping} gives them ({@link #supports}); values equal those of the text path,
 * sub-microsecond timestamps included (rounded as PostgreSQL rounds the text fraction).
 */
final class BinaryCopyMaterializer extends RecordMaterializer<Boolean> {

  /** The stream header: signature, flags (none), header extension length (none). */
  static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
  /** The stream trailer: a field count of -1. */
  static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

  /** Days and microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
  private static final int PG_EPOCH_DAYS = 10_957;
  private static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400L * 1_000_000L;
  /** jsonb's binary format: a version byte, then the JSON text. */
  private static final byte JSONB_VERSION = 1;

  /** The information_schema data_type of each SQL type this class writes. */
  private static final Map<String, String> DATA_TYPES = Map.of("boolean", "boolean", "smallint", "smallint",
      "integer", "integer", "bigint", "bigint", "date", "date", "timestamp", "timestamp without time zone",
      "timestamptz", "timestamp with time zone", "real", "real", "double precision", "double precision",
      "text", "text");

  private final CopyBuffer out;
  private final int columnCount;
  private final Root root;
  private int next;

  BinaryCopyMaterializer(List<ColumnDefinition> columns, CopyBuffer out) {
    this.out = out;
    this.columnCount = columns.size();
    Converter[] converters = new Converter[columnCount];
    for (int i = 0; i < columnCount; i++) {
      converters[i] = converter(i, columns.get(i));
    }
    this.root = new Root(converters);
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

  /** Writes NULLs for the skipped columns before {@code column}. */
  private void begin(int column) {
    for (; next < column; next++) {
      out.putInt32(-1);
    }
    next = column + 1;
  }

  private Converter converter(int column, ColumnDefinition definition) {
    PrimitiveType p = definition.parquetType().asPrimitiveType();
    String sqlType = definition.sqlType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    int scale = logical instanceof DecimalLogicalTypeAnnotation d ? d.getScale() : 0;
    return switch (DirectCopyMaterializer.kind(p)) {
      case BOOLEAN -> new PrimitiveConverter() {
        @Override
        public void addBoolean(boolean value) {
          begin(column);
          out.putInt32(1);
          out.put(value ? (char) 1 : (char) 0);
        }
      };
      case INT -> intConverter(column, definition.name(), sqlType);
      case DATE -> new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          begin(column);
          out.putInt32(4);
          out.putInt32(Math.subtractExact(value, PG_EPOCH_DAYS));
        }
      };
      case DECIMAL_INT -> new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          begin(column);
          out.putNumericField(value, scale);
        }

        @Override
        public void addLong(long value) {
          begin(column);
          out.putNumericField(value, scale);
        }
      };
      case DECIMAL_BINARY -> new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {
          begin(column);
          out.putNumericField(new BigInteger(value.getBytesUnsafe()), scale);
        }
      };
      case TIMESTAMP -> {
        LogicalTypeAnnotation.TimeUnit unit = ((TimestampLogicalTypeAnnotation) logical).getUnit();
        yield new PrimitiveConverter() {
          @Override
          public void addLong(long value) {
            begin(column);
            out.putInt32(8);
            out.putInt64(switch (unit) {
              case MILLIS -> Math.multiplyExact(value, 1000L) - PG_EPOCH_MICROS;
              case MICROS -> value - PG_EPOCH_MICROS;
              case NANOS -> pgMicros(Math.floorDiv(value, 1_000_000_000L), (int) Math.floorMod(value, 1_000_000_000L));
            });
          }
        };
      }
      case INT96 -> new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {
          begin(column);
          Instant instant = ParquetValueText.int96(value);
          out.putInt32(8);
          out.putInt64(pgMicros(instant.getEpochSecond(), instant.getNano()));
        }
      };
      case FLOAT -> new PrimitiveConverter() {
        @Override
        public void addFloat(float value) {
          begin(column);
          out.putInt32(4);
          out.putInt32(Float.floatToRawIntBits(value));
        }
      };
      case DOUBLE -> new PrimitiveConverter() {
        @Override
        public void addDouble(double value) {
          begin(column);
          out.putInt32(8);
          out.putInt64(Double.doubleToRawLongBits(value));
        }
      };
      case STRING -> {
        boolean jsonb = sqlType.equalsIgnoreCase("jsonb");
        yield new PrimitiveConverter() {
          @Override
          public void addBinary(Binary value) {
            begin(column);
            byte[] bytes = value.getBytesUnsafe();
            int n = value.length();
            if (jsonb) {
              out.putInt32(n + 1);
              out.put((char) JSONB_VERSION);
            } else {
              out.putInt32(n);
            }
            out.putBytes(bytes, 0, n);
          }
        };
      }
    };
  }

  /** A signed integer column: int16, int32 or int64 by its SQL type. */
  private Converter intConverter(int column, String name, String sqlType) {
    int width = switch (sqlType.toLowerCase(Locale.ROOT)) {
      case "smallint" -> 2;
      case "integer" -> 4;
      default -> 8;
    };
    return new PrimitiveConverter() {
      @Override
      public void addInt(int value) {
        addLong(value);
      }

      @Override
      public void addLong(long value) {
        begin(column);
        out.putInt32(width);
        if (width == 8) {
          out.putInt64(value);
        } else if (width == 4) {
          out.putInt32((int) value);
        } else if (value == (short) value) {
          out.putInt16((int) value);
        } else {
          throw new IllegalArgumentException("column '" + name + "': " + value + " is out of range for type smallint");
        }
      }
    };
  }

  /**
   * Microseconds from 2000-01-01 of an instant, its fraction rounded as PostgreSQL rounds a
   * 9-digit text fraction (the text path's): {@code rint(strtod(fraction) * 1e6)}. {@code nanos / 1e9}
   * is the same double as strtod of its 9 digits, both being the exact quotient correctly rounded.
   */
  static long pgMicros(long epochSecond, int nanos) {
    long micros = nanos % 1000 == 0 ? nanos / 1000 : (long) Math.rint(nanos / 1e9 * 1_000_000);
    return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), micros) - PG_EPOCH_MICROS;
  }

  @Override
  public Boolean getCurrentRecord() {
    return Boolean.TRUE;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  private final class Root extends GroupConverter {
    private final Converter[] converters;

    Root(Converter[] converters) {
      this.converters = converters;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      out.putInt16(columnCount);
      next = 0;
    }

    @Override
    public void end() {
      for (; next < columnCount; next++) {
        out.putInt32(-1);
      }
    }
  }
}
