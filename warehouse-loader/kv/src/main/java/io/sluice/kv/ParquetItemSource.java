package io.sluice.kv;

import io.sluice.errors.InvalidInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.OriginalType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Parquet files (parquet-hadoop, row group by row group, never a whole file in memory) as items.
 * Types: integers, floats and decimals become numbers (exact: decimals keep their scale); strings,
 * enums, JSON and UUIDs strings; dates, times and timestamps ISO-8601 strings (DynamoDB has no date
 * type; ISO strings sort in time order); other binaries binary; booleans booleans; lists lists;
 * maps and structs maps. Nulls are left out of the item. NaN and infinities, which DynamoDB numbers
 * cannot hold, make the row bad.
 */
final class ParquetItemSource extends FileItemSource<ParquetFileReader> {

  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private final Configuration conf;
  private final MessageType firstSchema;
  private MessageType schema;
  private RecordReader<Group> records;
  private long rowsLeftInGroup;
  private long rowInFile;
  private long number;

  ParquetItemSource(String location, FileSystem fs, List<FileStatus> files, Configuration conf)
      throws IOException {
    super(location, fs, files);
    this.conf = conf;
    if (!nextFile()) {
      throw new InvalidInputException("input " + location + " has no Parquet files");
    }
    this.firstSchema = schema;
  }

  private boolean nextFile() throws IOException {
    FileStatus file = advance();
    if (file == null) {
      return false;
    }
    try {
      reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf));
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          fileName + ": not a readable Parquet file: " + e.getMessage(), e);
    }
    schema = reader.getFooter().getFileMetaData().getSchema();
    rowsLeftInGroup = 0;
    rowInFile = 0;
    return true;
  }

  @Override
  public List<String> columns() {
    return firstSchema.getFields().stream().map(Type::getName).toList();
  }

  @Override
  public KeyType keyType(String column) {
    Type type = firstSchema.getType(column);
    if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
      throw new InvalidInputException(
          "column '"
              + column
              + "' of "
              + location
              + " is nested or repeated; a key must be a"
              + " single string, number or binary");
    }
    PrimitiveType p = type.asPrimitiveType();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (a instanceof DecimalLogicalTypeAnnotation) {
      return KeyType.N;
    }
    return switch (p.getPrimitiveTypeName()) {
      case INT32, INT64, FLOAT, DOUBLE ->
          a == null || a instanceof IntLogicalTypeAnnotation ? KeyType.N : KeyType.S;
      case BINARY, FIXED_LEN_BYTE_ARRAY -> a == null ? KeyType.B : KeyType.S;
      default -> KeyType.S;
    };
  }

  @Override
  public SourceRow next() throws IOException {
    while (rowsLeftInGroup == 0) {
      PageReadStore group = reader == null ? null : reader.readNextRowGroup();
      if (group == null) {
        if (!nextFile()) {
          return null;
        }
        continue;
      }
      rowsLeftInGroup = group.getRowCount();
      records =
          new ColumnIOFactory()
              .getColumnIO(schema)
              .getRecordReader(group, new GroupRecordConverter(schema));
    }
    Group g = records.read();
    rowsLeftInGroup--;
    rowInFile++;
    number++;
    String where = fileName + " row " + rowInFile;
    try {
      return SourceRow.ok(number, where, struct(g, schema));
    } catch (RuntimeException e) {
      return SourceRow.bad(number, where, e.getMessage());
    }
  }

  private static Map<String, AttributeValue> struct(Group g, GroupType type) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (int i = 0; i < type.getFieldCount(); i++) {
      Type field = type.getType(i);
      int count = g.getFieldRepetitionCount(i);
      if (count == 0) {
        continue;
      }
      if (field.isRepetition(Type.Repetition.REPEATED)) {
        List<AttributeValue> list = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
          list.add(value(g, i, j, field));
        }
        item.put(field.getName(), AttributeValue.fromL(list));
      } else {
        item.put(field.getName(), value(g, i, 0, field));
      }
    }
    return item;
  }

  private static AttributeValue value(Group g, int field, int index, Type type) {
    if (type.isPrimitive()) {
      return primitive(g, field, index, type.asPrimitiveType());
    }
    Group child = g.getGroup(field, index);
    GroupType t = type.asGroupType();
    LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && t.getFieldCount() == 1) {
      Type repeated = t.getType(0);
      int n = child.getFieldRepetitionCount(0);
      List<AttributeValue> list = new ArrayList<>(n);
      // The standard three-level list wraps each element in a one-field group; older writers
      // (two-level lists, "array" / "_tuple" groups) repeat the element itself.
      boolean wrapped =
          !repeated.isPrimitive()
              && repeated.asGroupType().getFieldCount() == 1
              && !repeated.getName().equals("array")
              && !repeated.getName().endsWith("_tuple");
      for (int j = 0; j < n; j++) {
        if (wrapped) {
          Group wrapper = child.getGroup(0, j);
          list.add(
              wrapper.getFieldRepetitionCount(0) == 0
                  ? AttributeValue.fromNul(true)
                  : value(wrapper, 0, 0, repeated.asGroupType().getType(0)));
        } else {
          list.add(value(child, 0, j, repeated));
        }
      }
      return AttributeValue.fromL(list);
    }
    if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
            || t.getOriginalType() == OriginalType.MAP_KEY_VALUE)
        && t.getFieldCount() == 1
        && !t.getType(0).isPrimitive()) {
      GroupType entry = t.getType(0).asGroupType();
      int n = child.getFieldRepetitionCount(0);
      Map<String, AttributeValue> map = new LinkedHashMap<>();
      for (int j = 0; j < n; j++) {
        Group kv = child.getGroup(0, j);
        AttributeValue key = value(kv, 0, 0, entry.getType(0));
        String name =
            key.s() != null ? key.s() : key.n() != null ? key.n() : String.valueOf(key.bool());
        map.put(
            name,
            entry.getFieldCount() < 2 || kv.getFieldRepetitionCount(1) == 0
                ? AttributeValue.fromNul(true)
                : value(kv, 1, 0, entry.getType(1)));
      }
      return AttributeValue.fromM(map);
    }
    return AttributeValue.fromM(struct(child, t));
  }

  private static AttributeValue primitive(Group g, int field, int index, PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    String name = p.getName();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return AttributeValue.fromBool(g.getBoolean(field, index));
      case INT32:
        {
          int v = g.getInteger(field, index);
          if (a instanceof DecimalLogicalTypeAnnotation d) {
            return number(BigDecimal.valueOf(v, d.getScale()));
          }
          if (a instanceof DateLogicalTypeAnnotation) {
            return AttributeValue.fromS(LocalDate.ofEpochDay(v).toString());
          }
          if (a instanceof TimeLogicalTypeAnnotation) {
            return AttributeValue.fromS(LocalTime.ofNanoOfDay(v * 1_000_000L).toString());
          }
          if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
            return AttributeValue.fromN(Integer.toUnsignedString(v));
          }
          return AttributeValue.fromN(Integer.toString(v));
        }
      case INT64:
        {
          long v = g.getLong(field, index);
          if (a instanceof DecimalLogicalTypeAnnotation d) {
            return number(BigDecimal.valueOf(v, d.getScale()));
          }
          if (a instanceof TimestampLogicalTypeAnnotation t) {
            Instant instant = instant(v, t.getUnit());
            return AttributeValue.fromS(
                t.isAdjustedToUTC()
                    ? instant.toString()
                    : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString());
          }
          if (a instanceof TimeLogicalTypeAnnotation t) {
            long nanos =
                t.getUnit() == TimeUnit.MICROS
                    ? v * 1_000L
                    : t.getUnit() == TimeUnit.MILLIS ? v * 1_000_000L : v;
            return AttributeValue.fromS(LocalTime.ofNanoOfDay(nanos).toString());
          }
          if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
            return AttributeValue.fromN(Long.toUnsignedString(v));
          }
          return AttributeValue.fromN(Long.toString(v));
        }
      case INT96:
        {
          // Legacy Impala/Spark timestamps: nanoseconds of the day, then the Julian day,
          // little-endian.
          ByteBuffer b = g.getInt96(field, index).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
          long nanosOfDay = b.getLong();
          long epochDay = b.getInt() - JULIAN_EPOCH_DAY;
          return AttributeValue.fromS(
              Instant.ofEpochSecond(epochDay * 86_400L, nanosOfDay).toString());
        }
      case FLOAT:
        return floating(name, g.getFloat(field, index), Float.toString(g.getFloat(field, index)));
      case DOUBLE:
        return floating(
            name, g.getDouble(field, index), Double.toString(g.getDouble(field, index)));
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        {
          Binary b = g.getBinary(field, index);
          if (a instanceof DecimalLogicalTypeAnnotation d) {
            return number(new BigDecimal(new BigInteger(b.getBytes()), d.getScale()));
          }
          if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            ByteBuffer u = b.toByteBuffer();
            return AttributeValue.fromS(new UUID(u.getLong(), u.getLong()).toString());
          }
          if (a == null) {
            return AttributeValue.fromB(SdkBytes.fromByteArray(b.getBytes()));
          }
          return AttributeValue.fromS(b.toStringUsingUTF8());
        }
      default:
        throw new IllegalStateException("column '" + name + "': unsupported Parquet type " + p);
    }
  }

  private static AttributeValue floating(String column, double v, String text) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new InvalidItemException(
          "column '" + column + "' is " + text + ", which a DynamoDB number cannot hold");
    }
    return number(new BigDecimal(text));
  }

  private static AttributeValue number(BigDecimal d) {
    BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    // Plain digits when short, scientific notation (which DynamoDB accepts) for tiny or huge
    // values.
    return AttributeValue.fromN(Math.abs(s.scale()) <= 40 ? s.toPlainString() : s.toString());
  }

  private static Instant instant(long v, TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> Instant.ofEpochMilli(v);
      case MICROS ->
          Instant.ofEpochSecond(
              Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1_000L);
      case NANOS ->
          Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
    };
  }
}
