package io.sluice.warehouse;

import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Parquet and CSV inputs for the tests, written with parquet-hadoop's example writer. */
final class SampleData {

  /**
   * Every kind of column the type mapping handles: scalars, decimal, date, timestamps, a list, a
   * struct, a map.
   */
  static final MessageType ORDERS =
      MessageTypeParser.parseMessageType(
          """
      message orders {
        required int64 id;
        optional binary customer (STRING);
        optional int64 amount (DECIMAL(12,2));
        optional int32 ordered_on (DATE);
        optional int64 paid_at (TIMESTAMP(MICROS,true));
        optional int64 local_time (TIMESTAMP(MILLIS,false));
        optional double weight;
        optional boolean express;
        optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
        optional group address { optional binary city (STRING); optional int32 zip; }
        optional group attrs (MAP) { repeated group key_value { required binary key (STRING); optional binary value (STRING); } }
      }""");

  private SampleData() {}

  static LoadInput input(Path path) {
    return LoadInput.resolve(StorageUri.parse(path.toString()), null, new Configuration());
  }

  /**
   * A load of the file {@code input} into {@code table}, bad rows quarantined in {@code
   * quarantine}.
   */
  static LoadRequest.Builder request(Path input, String table, LoadMode mode, Path quarantine) {
    return LoadRequest.builder()
        .input(input(input))
        .table(TableName.parse(table))
        .mode(mode)
        .quarantine(quarantine);
  }

  /**
   * Rows {@code from} (inclusive) to {@code to} (exclusive); the customer is "c" + id; amount id *
   * 1.25.
   */
  static Path orders(Path file, long from, long to) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    SimpleGroupFactory f = new SimpleGroupFactory(ORDERS);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(ORDERS)
            .withConf(new Configuration())
            .build()) {
      for (long id = from; id < to; id++) {
        Group g =
            f.newGroup()
                .append("id", id)
                .append("customer", "c" + id)
                .append("amount", BigDecimal.valueOf(id * 125, 2).unscaledValue().longValue())
                .append(
                    "ordered_on", (int) LocalDate.of(2024, 1, 1).plusDays(id % 365).toEpochDay())
                .append(
                    "paid_at",
                    Instant.parse("2024-03-01T12:00:00Z").getEpochSecond() * 1_000_000L + id)
                .append("local_time", Instant.parse("2024-03-01T08:30:00Z").toEpochMilli())
                .append("weight", id / 4.0)
                .append("express", id % 2 == 0);
        Group tags = g.addGroup("tags");
        tags.addGroup("list").append("element", "t\"" + id);
        tags.addGroup("list").append("element", "x\\y");
        g.addGroup("address").append("city", "Lyon\t" + id).append("zip", 69000 + (int) (id % 10));
        g.addGroup("attrs").addGroup("key_value").append("key", "k").append("value", "v" + id);
        w.write(g);
      }
    }
    return file;
  }

  /** A narrow table (id, name, qty) with a caller-chosen id type. */
  static Path narrow(Path file, MessageType schema, long from, long to) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(schema)
            .withConf(new Configuration())
            .build()) {
      for (long id = from; id < to; id++) {
        Group g = f.newGroup();
        if (schema.getType("id").asPrimitiveType().getPrimitiveTypeName().name().equals("INT32")) {
          g.append("id", (int) id);
        } else {
          g.append("id", id);
        }
        g.append("name", Binary.fromString("n" + id)).append("qty", (int) (id % 100));
        w.write(g);
      }
    }
    return file;
  }

  static final MessageType NARROW_LONG =
      MessageTypeParser.parseMessageType(
          "message t { required int64 id; optional binary name (STRING); optional int32 qty; }");

  static final MessageType FLAT =
      MessageTypeParser.parseMessageType(
          "message flat { optional int32 a; optional binary s (STRING); optional int64 amount (DECIMAL(18,3));"
              + " optional fixed_len_byte_array(16) big (DECIMAL(38,2)); optional int32 day (DATE);"
              + " optional int64 ts (TIMESTAMP(NANOS,false)); optional int96 legacy; optional float f; optional boolean b; }");

  /**
   * Flat rows; row i leaves out column i % 9 (NULL), so every column is NULL somewhere, first and
   * last included.
   */
  static Path flat(Path file, int rows) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    SimpleGroupFactory f = new SimpleGroupFactory(FLAT);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(FLAT)
            .withConf(new Configuration())
            .build()) {
      for (int i = 0; i < rows; i++) {
        Group g = f.newGroup();
        int skip = i % 9;
        if (skip != 0) {
          g.append("a", i);
        }
        if (skip != 1) {
          g.append("s", "s\t" + i + "\\");
        }
        if (skip != 2) {
          g.append("amount", -1234L * i);
        }
        if (skip != 3) {
          byte[] big = new byte[16];
          byte[] v =
              java.math.BigInteger.TEN.pow(30).add(java.math.BigInteger.valueOf(i)).toByteArray();
          System.arraycopy(v, 0, big, 16 - v.length, v.length);
          g.append("big", Binary.fromConstantByteArray(big));
        }
        if (skip != 4) {
          g.append("day", (int) LocalDate.of(2000, 1, 1).plusDays(i).toEpochDay());
        }
        if (skip != 5) {
          g.append("ts", 1_000_000_000L * (946_684_800L + i) + 500_000L);
        }
        if (skip != 6) {
          byte[] int96 = new byte[12];
          java.nio.ByteBuffer.wrap(int96)
              .order(java.nio.ByteOrder.LITTLE_ENDIAN)
              .putLong(3_600_000_000_000L)
              .putInt(2_451_545 + i);
          g.append("legacy", Binary.fromConstantByteArray(int96));
        }
        if (skip != 7) {
          g.append("f", i / 2f);
        }
        if (skip != 8) {
          g.append("b", i % 2 == 0);
        }
        w.write(g);
      }
    }
    return file;
  }

  static Path writeEmpty(Path file, MessageType schema) throws IOException {
    Files.createDirectories(file.getParent());
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(schema)
            .withConf(new Configuration())
            .build()) {
      // no rows: the schema is what matters
    }
    return file;
  }

  static Path csv(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
