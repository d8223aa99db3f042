package io.sluice.warehouse;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Maps a Parquet schema to SQL column types. Scalars map to their SQL equivalent (decimal to
 * numeric(p,s), timestamps to timestamp/timestamptz by their UTC flag, INT96 as Spark's instant); a
 * list of scalars becomes an SQL array in PostgreSQL; other nested data (structs, maps, lists of
 * structs) becomes {@code jsonb} in PostgreSQL and {@code SUPER} in Redshift. Types a target cannot
 * hold raise {@link UnsupportedColumnTypeException} naming the column.
 */
public final class ParquetTypeMapping {

  /** Redshift's DECIMAL precision limit. */
  static final int REDSHIFT_MAX_PRECISION = 38;

  private ParquetTypeMapping() {}

  public static List<ColumnDefinition> columns(MessageType schema, SqlDialect dialect) {
    List<ColumnDefinition> out = new ArrayList<>();
    for (Type field : schema.getFields()) {
      Identifiers.checkColumn(field.getName());
      out.add(column(field, dialect));
    }
    return out;
  }

  static ColumnDefinition column(Type field, SqlDialect dialect) {
    String name = field.getName();
    if (field.isPrimitive() && !field.isRepetition(Type.Repetition.REPEATED)) {
      return new ColumnDefinition(
          name,
          scalarType(name, field.asPrimitiveType(), dialect),
          field,
          ColumnDefinition.Encoding.SCALAR);
    }
    if (dialect == SqlDialect.REDSHIFT) {
      return new ColumnDefinition(name, "SUPER", field, ColumnDefinition.Encoding.JSON);
    }
    PrimitiveType element = scalarElement(field);
    if (element != null) {
      return new ColumnDefinition(
          name, scalarType(name, element, dialect) + "[]", field, ColumnDefinition.Encoding.ARRAY);
    }
    checkNested(name, field, dialect);
    return new ColumnDefinition(name, "jsonb", field, ColumnDefinition.Encoding.JSON);
  }

  /** Fails on a nested leaf the target cannot represent even as JSON (e.g. INTERVAL). */
  private static void checkNested(String column, Type type, SqlDialect dialect) {
    if (type.isPrimitive()) {
      scalarType(column + "." + type.getName(), type.asPrimitiveType(), dialect);
    } else {
      for (Type child : type.asGroupType().getFields()) {
        checkNested(column, child, dialect);
      }
    }
  }

  /**
   * The element of a list of scalars (a LIST-annotated group in the 3-level or 2-level form, or a
   * bare repeated primitive), else null.
   */
  static PrimitiveType scalarElement(Type field) {
    if (field.isPrimitive()) {
      return field.isRepetition(Type.Repetition.REPEATED) ? field.asPrimitiveType() : null;
    }
    GroupType group = field.asGroupType();
    if (!(group.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
        || group.getFieldCount() != 1) {
      return null;
    }
    Type repeated = group.getType(0);
    Type element = listElement(group.getName(), repeated);
    return element.isPrimitive() ? element.asPrimitiveType() : null;
  }

  /** Parquet's LIST backward-compatibility rules: which type is the element. */
  static Type listElement(String listName, Type repeated) {
    if (repeated.isPrimitive()) {
      return repeated;
    }
    GroupType g = repeated.asGroupType();
    if (g.getFieldCount() > 1
        || g.getName().equals("array")
        || g.getName().equals(listName + "_tuple")) {
      return repeated;
    }
    return g.getType(0);
  }

  static String scalarType(String column, PrimitiveType type, SqlDialect dialect) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    boolean pg = dialect == SqlDialect.POSTGRESQL;
    if (logical instanceof DecimalLogicalTypeAnnotation d) {
      if (!pg && d.getPrecision() > REDSHIFT_MAX_PRECISION) {
        throw new UnsupportedColumnTypeException(
            column,
            "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")",
            dialect,
            "its DECIMAL precision is at most " + REDSHIFT_MAX_PRECISION);
      }
      return (pg ? "numeric(" : "DECIMAL(") + d.getPrecision() + "," + d.getScale() + ")";
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return pg ? "date" : "DATE";
    }
    if (logical instanceof TimestampLogicalTypeAnnotation t) {
      return t.isAdjustedToUTC()
          ? (pg ? "timestamptz" : "TIMESTAMPTZ")
          : (pg ? "timestamp" : "TIMESTAMP");
    }
    if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
      return pg ? "time" : "TIME";
    }
    if (logical instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation) {
      throw new UnsupportedColumnTypeException(
          column, "INTERVAL", dialect, "cast it to a number of seconds or a string before loading");
    }
    if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
      if (!pg) {
        throw new UnsupportedColumnTypeException(
            column, "UUID", dialect, "write it as a string column");
      }
      return "uuid";
    }
    if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
      return pg ? "real" : "REAL";
    }
    if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
      return pg ? "text" : "VARCHAR(65535)";
    }
    if (logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
      return pg ? "jsonb" : "SUPER";
    }
    if (logical instanceof IntLogicalTypeAnnotation i) {
      int bits = i.getBitWidth();
      if (i.isSigned()) {
        return bits <= 16
            ? (pg ? "smallint" : "SMALLINT")
            : bits == 32 ? (pg ? "integer" : "INTEGER") : (pg ? "bigint" : "BIGINT");
      }
      return bits <= 16
          ? (pg ? "integer" : "INTEGER")
          : bits == 32 ? (pg ? "bigint" : "BIGINT") : (pg ? "numeric(20,0)" : "DECIMAL(20,0)");
    }
    if (logical != null && !(logical instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation)) {
      throw new UnsupportedColumnTypeException(
          column, type.getPrimitiveTypeName() + " (" + logical + ")", dialect, null);
    }
    return switch (type.getPrimitiveTypeName()) {
      case BOOLEAN -> pg ? "boolean" : "BOOLEAN";
      case INT32 -> pg ? "integer" : "INTEGER";
      case INT64 -> pg ? "bigint" : "BIGINT";
      // Spark's legacy timestamp: an instant, written without a zone.
      case INT96 -> pg ? "timestamptz" : "TIMESTAMP";
      case FLOAT -> pg ? "real" : "REAL";
      case DOUBLE -> pg ? "double precision" : "DOUBLE PRECISION";
      case BINARY, FIXED_LEN_BYTE_ARRAY -> pg ? "bytea" : "VARBYTE";
    };
  }
}
