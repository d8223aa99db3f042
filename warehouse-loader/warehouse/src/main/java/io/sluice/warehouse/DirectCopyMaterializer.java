package io.sluice.warehouse;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
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
 * Parquet rows written straight into COPY text, with no row objects in between: the column readers
 * call one converter per present value, in column order, and each converter formats its value into
 * the {@link CopyBuffer}; columns with no value in a row (NULL) are filled in as {@code \N}. Only
 * for flat schemas whose every column has a direct format here ({@link #supports}); anything else
 * goes through {@link ParquetCopyEncoder}.
 */
final class DirectCopyMaterializer extends RecordMaterializer<Boolean> {

  private final CopyBuffer out;
  private final int columnCount;
  private final Root root;

  /** The next column of the current row that has not been written yet. */
  private int next;

  DirectCopyMaterializer(List<ColumnDefinition> columns, CopyBuffer out) {
    this.out = out;
    this.columnCount = columns.size();
    Converter[] converters = new Converter[columnCount];
    for (int i = 0; i < columnCount; i++) {
      converters[i] = converter(i, columns.get(i).parquetType().asPrimitiveType());
    }
    this.root = new Root(converters);
  }

  /** Whether every column is a flat scalar this class formats directly. */
  static boolean supports(List<ColumnDefinition> columns) {
    for (ColumnDefinition c : columns) {
      if (c.encoding() != ColumnDefinition.Encoding.SCALAR
          || kind(c.parquetType().asPrimitiveType()) == null) {
        return false;
      }
    }
    return true;
  }

  enum Kind {
    BOOLEAN,
    INT,
    DATE,
    DECIMAL_INT,
    DECIMAL_BINARY,
    TIMESTAMP,
    INT96,
    FLOAT,
    DOUBLE,
    STRING
  }

  static Kind kind(PrimitiveType p) {
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    boolean plainInt =
        logical == null
            || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned();
    return switch (p.getPrimitiveTypeName()) {
      case BOOLEAN -> Kind.BOOLEAN;
      case INT32 ->
          plainInt
              ? Kind.INT
              : logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                  ? Kind.DATE
                  : logical instanceof DecimalLogicalTypeAnnotation ? Kind.DECIMAL_INT : null;
      case INT64 ->
          plainInt
              ? Kind.INT
              : logical instanceof DecimalLogicalTypeAnnotation
                  ? Kind.DECIMAL_INT
                  : logical instanceof TimestampLogicalTypeAnnotation ? Kind.TIMESTAMP : null;
      case INT96 -> Kind.INT96;
      case FLOAT -> logical == null ? Kind.FLOAT : null;
      case DOUBLE -> logical == null ? Kind.DOUBLE : null;
      case BINARY, FIXED_LEN_BYTE_ARRAY ->
          logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                  || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                  || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
              ? Kind.STRING
              : logical instanceof DecimalLogicalTypeAnnotation ? Kind.DECIMAL_BINARY : null;
    };
  }

  /** Writes NULL for the skipped columns before {@code column}, then the separator before it. */
  private void begin(int column) {
    for (; next < column; next++) {
      if (next > 0) {
        out.put('\t');
      }
      out.put('\\');
      out.put('N');
    }
    if (column > 0) {
      out.put('\t');
    }
    next = column + 1;
  }

  private Converter converter(int column, PrimitiveType p) {
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    int scale = logical instanceof DecimalLogicalTypeAnnotation d ? d.getScale() : 0;
    return switch (kind(p)) {
      case BOOLEAN ->
          new PrimitiveConverter() {
            @Override
            public void addBoolean(boolean value) {
              begin(column);
              out.put(value ? 't' : 'f');
            }
          };
      case INT ->
          new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
              begin(column);
              out.putLong(value);
            }

            @Override
            public void addLong(long value) {
              begin(column);
              out.putLong(value);
            }
          };
      case DATE ->
          new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
              begin(column);
              out.putDate(value);
            }
          };
      case DECIMAL_INT ->
          new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
              begin(column);
              out.putDecimal(value, scale);
            }

            @Override
            public void addLong(long value) {
              begin(column);
              out.putDecimal(value, scale);
            }
          };
      case DECIMAL_BINARY ->
          new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
              begin(column);
              out.putDecimal(new BigInteger(value.getBytesUnsafe()), scale);
            }
          };
      case TIMESTAMP -> {
        TimestampLogicalTypeAnnotation t = (TimestampLogicalTypeAnnotation) logical;
        LogicalTypeAnnotation.TimeUnit unit = t.getUnit();
        boolean zoned = t.isAdjustedToUTC();
        yield new PrimitiveConverter() {
          @Override
          public void addLong(long value) {
            begin(column);
            Instant instant = ParquetValueText.instant(value, unit);
            out.putTimestamp(instant.getEpochSecond(), instant.getNano(), zoned);
          }
        };
      }
      case INT96 ->
          new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
              begin(column);
              Instant instant = ParquetValueText.int96(value);
              out.putTimestamp(instant.getEpochSecond(), instant.getNano(), true);
            }
          };
      case FLOAT ->
          new PrimitiveConverter() {
            @Override
            public void addFloat(float value) {
              begin(column);
              out.putAscii(Float.toString(value));
            }
          };
      case DOUBLE ->
          new PrimitiveConverter() {
            @Override
            public void addDouble(double value) {
              begin(column);
              out.putAscii(Double.toString(value));
            }
          };
      case STRING ->
          new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
              begin(column);
              out.putEscaped(value);
            }
          };
    };
  }

  @Override
  public Boolean getCurrentRecord() {
    // Non-null: ParquetReader.read() takes null for the end of the file.
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
      next = 0;
    }

    @Override
    public void end() {
      for (; next < columnCount; next++) {
        if (next > 0) {
          out.put('\t');
        }
        out.put('\\');
        out.put('N');
      }
      out.put('\n');
    }
  }
}
