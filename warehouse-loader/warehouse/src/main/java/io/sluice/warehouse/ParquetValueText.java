package io.sluice.warehouse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Renders Parquet values as the text PostgreSQL reads: scalars in their SQL literal form (ISO dates
 * and timestamps, plain decimals, {@code \x} hex for bytes), lists of scalars as array literals,
 * anything nested as JSON. Raw text here; COPY escaping is {@link CopyText}'s job.
 */
final class ParquetValueText {

  /** Days between the Julian day epoch and 1970-01-01 (INT96 timestamps count Julian days). */
  private static final long JULIAN_EPOCH_OFFSET_DAYS = 2_440_588L;

  private static final HexFormat HEX = HexFormat.of();
  private static final JsonFactory JSON = new JsonFactory();

  private ParquetValueText() {}

  /** A scalar value, as SQL text. */
  static void scalar(Group g, int field, int index, PrimitiveType type, StringBuilder out) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> out.append(g.getBoolean(field, index) ? 't' : 'f');
      case INT32 -> {
        int v = g.getInteger(field, index);
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          out.append(BigDecimal.valueOf(v, d.getScale()).toPlainString());
        } else if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          out.append(LocalDate.ofEpochDay(v));
        } else if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
          out.append(LocalTime.ofNanoOfDay(v * 1_000_000L));
        } else if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
            && !i.isSigned()) {
          out.append(Integer.toUnsignedLong(v));
        } else {
          out.append(v);
        }
      }
      case INT64 -> {
        long v = g.getLong(field, index);
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          out.append(BigDecimal.valueOf(v, d.getScale()).toPlainString());
        } else if (logical instanceof TimestampLogicalTypeAnnotation t) {
          Instant instant = instant(v, t.getUnit());
          out.append(
              t.isAdjustedToUTC()
                  ? instant.toString()
                  : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString());
        } else if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
          long nanos =
              t.getUnit() == TimeUnit.MICROS
                  ? v * 1000
                  : t.getUnit() == TimeUnit.MILLIS ? v * 1_000_000 : v;
          out.append(LocalTime.ofNanoOfDay(nanos));
        } else if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
            && !i.isSigned()) {
          out.append(Long.toUnsignedString(v));
        } else {
          out.append(v);
        }
      }
      case INT96 -> out.append(int96(g.getInt96(field, index)));
      case FLOAT -> out.append(g.getFloat(field, index));
      case DOUBLE -> out.append(g.getDouble(field, index));
      case BINARY, FIXED_LEN_BYTE_ARRAY -> {
        Binary b = g.getBinary(field, index);
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          out.append(new BigDecimal(new BigInteger(b.getBytes()), d.getScale()).toPlainString());
        } else if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
          ByteBuffer buf = b.toByteBuffer();
          out.append(new UUID(buf.getLong(buf.position()), buf.getLong(buf.position() + 8)));
        } else if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          out.append(b.toStringUsingUTF8());
        } else if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
          out.append(float16(b.getBytes()));
        } else {
          out.append("\\x").append(HEX.formatHex(b.getBytes()));
        }
      }
    }
  }

  /** IEEE 754 half precision (2 bytes, little-endian as Parquet stores it) to float. */
  static float float16(byte[] bytes) {
    int bits = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8;
    int sign = (bits >>> 15) == 0 ? 1 : -1;
    int exponent = (bits >>> 10) & 0x1f;
    int fraction = bits & 0x3ff;
    if (exponent == 0) {
      return sign * (float) Math.scalb(fraction, -24);
    }
    if (exponent == 0x1f) {
      return fraction == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
    }
    return sign * (float) Math.scalb(fraction | 0x400, exponent - 25);
  }

  static Instant instant(long value, TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> Instant.ofEpochMilli(value);
      case MICROS ->
          Instant.ofEpochSecond(
              Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
      case NANOS ->
          Instant.ofEpochSecond(
              Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
    };
  }

  /** Spark's INT96: 8 bytes nanos of the day then 4 bytes Julian day, little-endian. */
  static Instant int96(Binary value) {
    ByteBuffer buf = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buf.getLong(buf.position());
    long julianDay = Integer.toUnsignedLong(buf.getInt(buf.position() + 8));
    return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_OFFSET_DAYS) * 86_400L)
        .plusNanos(nanosOfDay);
  }

  /** A list of scalars as a PostgreSQL array literal: {@code {"a","b",NULL}}. */
  static void array(Group g, int field, Type type, StringBuilder out) {
    StringBuilder element = new StringBuilder();
    out.append('{');
    if (type.isPrimitive()) {
      // A bare repeated primitive: each repetition is an element.
      int n = g.getFieldRepetitionCount(field);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          out.append(',');
        }
        element.setLength(0);
        scalar(g, field, i, type.asPrimitiveType(), element);
        quotedArrayElement(element, out);
      }
    } else {
      Group list = g.getGroup(field, 0);
      GroupType listType = type.asGroupType();
      Type repeated = listType.getType(0);
      Type elementType = ParquetTypeMapping.listElement(listType.getName(), repeated);
      int n = list.getFieldRepetitionCount(0);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          out.append(',');
        }
        if (elementType == repeated) {
          element.setLength(0);
          scalar(list, 0, i, elementType.asPrimitiveType(), element);
          quotedArrayElement(element, out);
        } else {
          Group wrapper = list.getGroup(0, i);
          if (wrapper.getFieldRepetitionCount(0) == 0) {
            out.append("NULL");
          } else {
            element.setLength(0);
            scalar(wrapper, 0, 0, elementType.asPrimitiveType(), element);
            quotedArrayElement(element, out);
          }
        }
      }
    }
    out.append('}');
  }

  private static void quotedArrayElement(CharSequence value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  /** The value of field {@code field} (all its repetitions, for a repeated field) as JSON. */
  static void json(Group g, int field, Type type, StringBuilder out) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json(g, field, type, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    out.append(text.getBuffer());
  }

  private static void json(Group g, int field, Type type, JsonGenerator out) throws IOException {
    if (type.isRepetition(Type.Repetition.REPEATED)) {
      int n = g.getFieldRepetitionCount(field);
      out.writeStartArray();
      for (int i = 0; i < n; i++) {
        jsonValue(g, field, i, type, out);
      }
      out.writeEndArray();
    } else if (g.getFieldRepetitionCount(field) == 0) {
      out.writeNull();
    } else {
      jsonValue(g, field, 0, type, out);
    }
  }

  private static void jsonValue(Group g, int field, int index, Type type, JsonGenerator out)
      throws IOException {
    if (type.isPrimitive()) {
      jsonScalar(g, field, index, type.asPrimitiveType(), out);
      return;
    }
    GroupType groupType = type.asGroupType();
    Group value = g.getGroup(field, index);
    LogicalTypeAnnotation logical = groupType.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        && groupType.getFieldCount() == 1) {
      Type repeated = groupType.getType(0);
      Type element = ParquetTypeMapping.listElement(groupType.getName(), repeated);
      int n = value.getFieldRepetitionCount(0);
      out.writeStartArray();
      for (int i = 0; i < n; i++) {
        if (element == repeated) {
          jsonValue(value, 0, i, element, out);
        } else {
          Group wrapper = value.getGroup(0, i);
          if (wrapper.getFieldRepetitionCount(0) == 0) {
            out.writeNull();
          } else {
            jsonValue(wrapper, 0, 0, element, out);
          }
        }
      }
      out.writeEndArray();
    } else if ((logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && groupType.getFieldCount() == 1
        && !groupType.getType(0).isPrimitive()
        && groupType.getType(0).asGroupType().getFieldCount() == 2) {
      GroupType kv = groupType.getType(0).asGroupType();
      int n = value.getFieldRepetitionCount(0);
      out.writeStartObject();
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < n; i++) {
        Group entry = value.getGroup(0, i);
        key.setLength(0);
        if (kv.getType(0).isPrimitive()) {
          scalar(entry, 0, 0, kv.getType(0).asPrimitiveType(), key);
        } else {
          json(entry, 0, kv.getType(0), key);
        }
        out.writeFieldName(key.toString());
        json(entry, 1, kv.getType(1), out);
      }
      out.writeEndObject();
    } else {
      out.writeStartObject();
      for (int f = 0; f < groupType.getFieldCount(); f++) {
        out.writeFieldName(groupType.getFieldName(f));
        json(value, f, groupType.getType(f), out);
      }
      out.writeEndObject();
    }
  }

  private static void jsonScalar(
      Group g, int field, int index, PrimitiveType type, JsonGenerator out) throws IOException {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> out.writeBoolean(g.getBoolean(field, index));
      case FLOAT, DOUBLE -> {
        double v =
            type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT
                ? g.getFloat(field, index)
                : g.getDouble(field, index);
        if (Double.isFinite(v)) {
          out.writeNumber(v);
        } else {
          out.writeString(String.valueOf(v));
        }
      }
      case INT32, INT64 -> {
        if (logical == null
            || logical instanceof DecimalLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
          out.writeNumber(scalarText(g, field, index, type));
        } else {
          out.writeString(scalarText(g, field, index, type));
        }
      }
      case BINARY, FIXED_LEN_BYTE_ARRAY -> {
        if (logical instanceof DecimalLogicalTypeAnnotation) {
          out.writeNumber(scalarText(g, field, index, type));
        } else if (logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          out.writeRawValue(g.getBinary(field, index).toStringUsingUTF8());
        } else if (logical == null
            || logical instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation) {
          // Bytes in JSON: base64, the usual convention.
          out.writeBinary(g.getBinary(field, index).getBytes());
        } else {
          out.writeString(scalarText(g, field, index, type));
        }
      }
      case INT96 -> out.writeString(int96(g.getInt96(field, index)).toString());
    }
  }

  private static String scalarText(Group g, int field, int index, PrimitiveType type) {
    StringBuilder text = new StringBuilder();
    scalar(g, field, index, type, text);
    return text.toString();
  }
}
