package io.sluice.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores rows through {@link BatchPredictor#predictions} on a local DataFrame of those rows: the
 * batch path itself, so equal by construction, but each call plans a query (milliseconds). Used for
 * pipelines {@link RowPipeline} does not reproduce, and as the benchmark's reference.
 */
final class SparkTransformScorer {

  private static final String ROW = "__online_row";

  private final LoadedModel model;
  private final BatchPredictor batch;
  private final SparkSession spark;

  SparkTransformScorer(LoadedModel model) {
    this.model = model;
    // The session that loaded the model; a predictor is only built after loading one.
    this.spark = SparkSession.active();
    this.batch = new BatchPredictor(spark);
  }

  List<OnlinePrediction> score(List<Map<String, Object>> rows) {
    List<FeatureSpec> features = model.spec().features();
    // Column types from the values: a JSON number is a number column, as in a JSON data source.
    DataType[] types = new DataType[features.size()];
    for (int i = 0; i < types.length; i++) {
      DataType type = null;
      boolean mixed = false;
      for (Map<String, Object> r : rows) {
        Object v = r.get(features.get(i).name());
        if (v != null) {
          DataType t = SqlCasts.typeOf(v);
          mixed |= type != null && !type.equals(t);
          type = type == null ? t : type;
        }
      }
      // Mixed types in one batch: text, which the pipeline casts as it would a CSV column.
      types[i] = type == null || mixed ? DataTypes.StringType : type;
    }
    StructType schema = new StructType().add(ROW, DataTypes.IntegerType, false);
    for (int i = 0; i < types.length; i++) {
      schema = schema.add(features.get(i).name(), types[i], true);
    }
    List<Row> data = new ArrayList<>(rows.size());
    for (int n = 0; n < rows.size(); n++) {
      Object[] values = new Object[types.length + 1];
      values[0] = n;
      for (int i = 0; i < types.length; i++) {
        Object v = rows.get(n).get(features.get(i).name());
        values[i + 1] = types[i] == DataTypes.StringType ? SqlCasts.toText(v) : v;
      }
      data.add(RowFactory.create(values));
    }
    Dataset<Row> input = spark.createDataFrame(data, schema);
    List<Row> scored =
        batch.predictions(model, input, ROW, "the request").orderBy(ROW).collectAsList();
    List<OnlinePrediction> out = new ArrayList<>(scored.size());
    for (Row r : scored) {
      Object prediction = r.get(1);
      Double probability = r.isNullAt(2) ? null : r.getDouble(2);
      out.add(new OnlinePrediction(prediction, probability));
    }
    return out;
  }
}
