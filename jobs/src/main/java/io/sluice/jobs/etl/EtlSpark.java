package io.sluice.jobs.etl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.timestamp_micros;

import io.sluice.jobs.RejectedRecord;
import io.sluice.jobs.spark.SparkLines;
import io.sluice.storage.StorageUri;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * ETL on Spark SQL. Lines are read against the schema by {@link EtlRecordParser} (as on MapReduce),
 * then Spark de-duplicates with a window over the key (keeping the row read last: highest file
 * path, then line number) and writes partitioned Parquet.
 */
final class EtlSpark {

  // Bookkeeping columns beside the schema's fields; schema names cannot start with "__".
  private static final String KIND = "__kind";
  private static final String SOURCE = "__source";
  private static final String LINE = "__line";
  private static final String FIELD = "__field";
  private static final String REASON = "__reason";
  private static final String TEXT = "__text";
  private static final String NEWEST = "__newest";

  private EtlSpark() {}

  static EtlJob.Result run(
      SparkSession spark, StorageUri input, Path output, EtlSchema schema, EtlFormat format) {
    JavaRDD<Row> rows =
        SparkLines.map(
            spark,
            input,
            source -> {
              EtlRecordParser parser = new EtlRecordParser(schema, format, source);
              return (line, text) -> {
                ParsedRecord r = parser.parse(line, text);
                Object[] row = new Object[6 + schema.fields().size()];
                row[0] = r.kind().name();
                row[1] = source;
                row[2] = line;
                row[3] = r.field();
                row[4] = r.reason();
                row[5] = r.kind() == ParsedRecord.Kind.REJECTED ? text : null;
                if (r.values() != null) {
                  System.arraycopy(r.values(), 0, row, 6, r.values().length);
                }
                return RowFactory.create(row);
              };
            });
    Dataset<Row> parsed = spark.createDataFrame(rows, lineType(schema));
    // Marks the row each key keeps: the one read last. Partitioning by kind too keeps rejected
    // and header lines (whose fields are all null) apart from the rows.
    Column newest = lit(true);
    if (!schema.key().isEmpty()) {
      List<Column> key = new ArrayList<>(List.of(col(KIND)));
      schema.key().forEach(name -> key.add(col(name)));
      newest =
          row_number()
              .over(
                  Window.partitionBy(key.toArray(Column[]::new))
                      .orderBy(col(SOURCE).desc(), col(LINE).desc()))
              .equalTo(1);
    }
    // Read once: the accounting, the Parquet and the rejected records all come from it.
    Dataset<Row> lines = parsed.withColumn(NEWEST, newest).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long accepted = 0;
      long rejected = 0;
      long written = 0;
      for (Row r : lines.groupBy(KIND, NEWEST).count().collectAsList()) {
        ParsedRecord.Kind kind = ParsedRecord.Kind.valueOf(r.getString(0));
        if (kind == ParsedRecord.Kind.ROW) {
          accepted += r.getLong(2);
          written += r.getBoolean(1) ? r.getLong(2) : 0;
        } else if (kind == ParsedRecord.Kind.REJECTED) {
          rejected += r.getLong(2);
        }
      }

      Dataset<Row> table =
          lines
              .where(col(KIND).equalTo(ParsedRecord.Kind.ROW.name()).and(col(NEWEST)))
              .select(outputColumns(schema));
      DataFrameWriter<Row> writer;
      if (schema.partitionBy() == null) {
        writer = table.write();
      } else {
        // One task per partition value, so each partition directory gets one file, not one per
        // task.
        writer =
            table.repartition(col(schema.partitionBy())).write().partitionBy(schema.partitionBy());
      }
      writer.parquet(output.toString());

      if (rejected > 0) {
        lines
            .where(col(KIND).equalTo(ParsedRecord.Kind.REJECTED.name()))
            .map(
                (MapFunction<Row, String>)
                    r ->
                        new RejectedRecord(
                                r.getAs(SOURCE),
                                r.<Long>getAs(LINE),
                                r.getAs(FIELD),
                                r.getAs(REASON),
                                r.getAs(TEXT))
                            .toJson(),
                Encoders.STRING())
            .write()
            .text(new Path(output, RejectedRecord.DIRECTORY).toString());
      }
      return new EtlJob.Result(
          accepted + rejected, accepted, rejected, written, accepted - written);
    } finally {
      lines.unpersist();
    }
  }

  /**
   * The parsed lines: bookkeeping columns, then every field in its carrier type (dates as days,
   * timestamps as micros).
   */
  private static StructType lineType(EtlSchema schema) {
    StructType type =
        new StructType()
            .add(KIND, DataTypes.StringType, false)
            .add(SOURCE, DataTypes.StringType, false)
            .add(LINE, DataTypes.LongType, false)
            .add(FIELD, DataTypes.StringType)
            .add(REASON, DataTypes.StringType)
            .add(TEXT, DataTypes.StringType);
    for (EtlSchema.Field f : schema.fields()) {
      type = type.add(f.name(), carrier(f.type()));
    }
    return type;
  }

  private static DataType carrier(FieldType type) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case INT, DATE -> DataTypes.IntegerType;
      case LONG, TIMESTAMP -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
    };
  }

  /** The schema's fields in their declared types. */
  private static Column[] outputColumns(EtlSchema schema) {
    List<Column> columns = new ArrayList<>();
    for (EtlSchema.Field f : schema.fields()) {
      Column c = col(f.name());
      columns.add(
          switch (f.type()) {
            case DATE -> date_from_unix_date(c).as(f.name());
            case TIMESTAMP -> timestamp_micros(c).as(f.name());
            default -> c;
          });
    }
    return columns.toArray(Column[]::new);
  }
}
