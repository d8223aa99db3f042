package io.sluice.ml;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

/**
 * The casts of the feature pipeline's SQL stage ({@code try_cast(x AS DOUBLE)}, {@code cast(x AS
 * STRING)}), evaluated with Spark's own {@link Cast} expression on one value: Spark's string to
 * double rules (whitespace, "NaN", "Infinity", "1d", ...) and number to string formatting are its
 * own and subtle, and equality with the batch path is the contract. An expression evaluation costs
 * microseconds and involves no plan, session or job.
 */
final class SqlCasts {

  private static final Option<String> UTC = Option.apply("UTC");

  /** Bound once: Cast evaluation keeps no per-call state (its lazy cast function is safe). */
  private static final Cast STRING_TO_DOUBLE =
      new Cast(
          new BoundReference(0, DataTypes.StringType, true),
          DataTypes.DoubleType,
          UTC,
          EvalMode.TRY());

  private SqlCasts() {}

  /**
   * {@code try_cast(value AS DOUBLE)} for a normalised input value (String, Integer, Long, Float,
   * Double or Boolean): null when Spark's would be.
   */
  static Double toDouble(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      InternalRow row = new GenericInternalRow(new Object[] {UTF8String.fromString(s)});
      return (Double) STRING_TO_DOUBLE.eval(row);
    }
    if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    // Spark widens int, long and float to double exactly as Java does.
    return ((Number) value).doubleValue();
  }

  /** {@code cast(value AS STRING)} for a normalised input value: Spark's formatting of numbers. */
  static String toText(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    Object out =
        new Cast(Literal.create(value, typeOf(value)), DataTypes.StringType, UTC, EvalMode.TRY())
            .eval(null);
    return out == null ? null : out.toString();
  }

  /** The Spark type of a normalised input value (see {@link OnlinePredictor}). */
  static DataType typeOf(Object value) {
    if (value == null || value instanceof String) {
      return DataTypes.StringType;
    }
    if (value instanceof Integer) {
      return DataTypes.IntegerType;
    }
    if (value instanceof Long) {
      return DataTypes.LongType;
    }
    if (value instanceof Float) {
      return DataTypes.FloatType;
    }
    if (value instanceof Double) {
      return DataTypes.DoubleType;
    }
    if (value instanceof Boolean) {
      return DataTypes.BooleanType;
    }
    throw new IllegalArgumentException("not a normalised value: " + value.getClass().getName());
  }
}
