package io.sluice.warehouse;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Encodes Parquet rows as COPY text lines. Each column gets its writer once, from its type, so the
 * per-value work is a field read and a direct byte format; rarer types (nested, arrays, unsigned
 * 64-bit, time of day) go through {@link ParquetValueText}.
 */
final class ParquetCopyEncoder {

  /** Writes the (present) value of one field. */
  @FunctionalInterface
  private interface ColumnWriter {
    void write(Group row, int field, CopyBuffer out);
  }

  private final ColumnWriter[] writers;
  private final boolean[] repeated;

  ParquetCopyEncoder(List<ColumnDefinition> columns) {
    writers = new ColumnWriter[columns.size()];
    repeated = new boolean[columns.size()];
    for (int i = 0; i < writers.length; i++) {
      ColumnDefinition column = columns.get(i);
      repeated[i] = column.parquetType().isRepetition(Type.Repetition.REPEATED);
      writers[i] = writer(column);
    }
  }

  /** Appends one row, with its line end. */
  void encode(Group row, CopyBuffer out) {
    for (int i = 0; i < writers.length; i++) {
      if (i > 0) {
        out.put('\t');
      }
      if (!repeated[i] && row.getFieldRepetitionCount(i) == 0) {
        out.put('\\');
        out.put('N');
      } else {
        writers[i].write(row, i, out);
      }
    }
    out.put('\n');
  }

  private static ColumnWriter writer(ColumnDefinition column) {
    Type type = column.parquetType();
    switch (column.encoding()) {
      case ARRAY:
        return text((row, field, sb) -> ParquetValueText.array(row, field, type, sb));
      case JSON:
        return text((row, field, sb) -> ParquetValueText.json(row, field, type, sb));
      default:
        break;
    }
    PrimitiveType p = type.asPrimitiveType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return (row, field, out) -> out.put(row.getBoolean(field, 0) ? 't' : 'f');
      case INT32:
        if (logical == null
            || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                && i.isSigned()) {
          return (row, field, out) -> out.putLong(row.getInteger(field, 0));
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return (row, field, out) -> out.putDate(row.getInteger(field, 0));
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          int scale = d.getScale();
          return (row, field, out) -> out.putDecimal(row.getInteger(field, 0), scale);
        }
        break;
      case INT64:
        if (logical == null
            || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                && i.isSigned()) {
          return (row, field, out) -> out.putLong(row.getLong(field, 0));
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          int scale = d.getScale();
          return (row, field, out) -> out.putDecimal(row.getLong(field, 0), scale);
        }
        if (logical instanceof TimestampLogicalTypeAnnotation t) {
          LogicalTypeAnnotation.TimeUnit unit = t.getUnit();
          boolean zoned = t.isAdjustedToUTC();
          return (row, field, out) -> {
            Instant instant = ParquetValueText.instant(row.getLong(field, 0), unit);
            out.putTimestamp(instant.getEpochSecond(), instant.getNano(), zoned);
          };
        }
        break;
      case INT96:
        return (row, field, out) -> {
          Instant instant = ParquetValueText.int96(row.getInt96(field, 0));
          out.putTimestamp(instant.getEpochSecond(), instant.getNano(), true);
        };
      case FLOAT:
        if (logical == null) {
          return (row, field, out) -> out.putAscii(Float.toString(row.getFloat(field, 0)));
        }
        break;
      case DOUBLE:
        if (logical == null) {
          return (row, field, out) -> out.putAscii(Double.toString(row.getDouble(field, 0)));
        }
        break;
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return (row, field, out) -> out.putEscaped(row.getBinary(field, 0));
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          int scale = d.getScale();
          return (row, field, out) ->
              out.putDecimal(new BigInteger(row.getBinary(field, 0).getBytesUnsafe()), scale);
        }
        break;
      default:
        break;
    }
    return text((row, field, sb) -> ParquetValueText.scalar(row, field, 0, p, sb));
  }

  /** A writer through text: the value rendered by {@link ParquetValueText}, then escaped. */
  private interface TextRenderer {
    void render(Group row, int field, StringBuilder sb);
  }

  private static ColumnWriter text(TextRenderer renderer) {
    StringBuilder scratch = new StringBuilder(64);
    return (row, field, out) -> {
      scratch.setLength(0);
      renderer.render(row, field, scratch);
      out.putEscaped(scratch);
    };
  }
}
