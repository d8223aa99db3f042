package io.sluice.jobs.etl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes schema rows (value arrays in schema order) as Parquet with parquet-hadoop alone, for the
 * MapReduce path. Column types are what Spark reads back as the declared types: UTF-8 strings,
 * INT32/INT64/DOUBLE/BOOLEAN, DATE (days) and TIMESTAMP(MICROS, UTC). The partition column is not
 * stored in the files, only in the directory name, as Spark does it.
 */
final class ParquetRows {

  private ParquetRows() {}

  /** The fields stored in the files: all but the partition column. */
  static List<Integer> storedFields(EtlSchema schema) {
    List<Integer> stored = new ArrayList<>();
    for (int i = 0; i < schema.fields().size(); i++) {
      if (!schema.fields().get(i).name().equals(schema.partitionBy())) {
        stored.add(i);
      }
    }
    return stored;
  }

  static MessageType messageType(EtlSchema schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (int i : storedFields(schema)) {
      EtlSchema.Field f = schema.fields().get(i);
      // Optional, like Spark's files: nullability is enforced when rows are read, not by the
      // format.
      Type column =
          switch (f.type()) {
            case STRING ->
                Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(f.name());
            case INT -> Types.optional(PrimitiveTypeName.INT32).named(f.name());
            case LONG -> Types.optional(PrimitiveTypeName.INT64).named(f.name());
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(f.name());
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(f.name());
            case DATE ->
                Types.optional(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.dateType())
                    .named(f.name());
            case TIMESTAMP ->
                Types.optional(PrimitiveTypeName.INT64)
                    .as(
                        LogicalTypeAnnotation.timestampType(
                            true, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(f.name());
          };
      message.addField(column);
    }
    return message.named("sluice_etl");
  }

  static ParquetWriter<Object[]> open(Path file, EtlSchema schema, Configuration conf)
      throws IOException {
    return new Builder(HadoopOutputFile.fromPath(file, conf), schema)
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .build();
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final EtlSchema schema;

    Builder(HadoopOutputFile file, EtlSchema schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema);
    }
  }

  private static final class RowWriteSupport extends WriteSupport<Object[]> {
    private final EtlSchema schema;
    private final List<Integer> stored;
    private final MessageType type;
    private RecordConsumer consumer;

    RowWriteSupport(EtlSchema schema) {
      this.schema = schema;
      this.stored = storedFields(schema);
      this.type = messageType(schema);
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(type, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      consumer.startMessage();
      for (int column = 0; column < stored.size(); column++) {
        int i = stored.get(column);
        Object v = row[i];
        if (v == null) {
          continue; // an optional column simply has no value
        }
        EtlSchema.Field f = schema.fields().get(i);
        consumer.startField(f.name(), column);
        switch (f.type()) {
          case STRING -> consumer.addBinary(Binary.fromString((String) v));
          case INT, DATE -> consumer.addInteger((Integer) v);
          case LONG, TIMESTAMP -> consumer.addLong((Long) v);
          case DOUBLE -> consumer.addDouble((Double) v);
          case BOOLEAN -> consumer.addBoolean((Boolean) v);
          default -> throw new IllegalStateException(f.type().name());
        }
        consumer.endField(f.name(), column);
      }
      consumer.endMessage();
    }
  }
}
