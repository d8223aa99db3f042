package io.sluice.ml;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sluice ml datasource describe}: statistics of a datasource's columns in one pass, then the
 * label balance.
 */
public final class DatasourceDescriber {

  /** Label values listed in the balance; a label with more is a number, not a class. */
  static final int MAX_BALANCE_ROWS = 20;

  private final SparkSession spark;

  public DatasourceDescriber(SparkSession spark) {
    this.spark = spark;
  }

  public DatasourceDescription describe(DatasourceSpec spec) {
    Dataset<Row> raw = new DatasourceReader(spark).read(spec);

    record Described(String name, String role, boolean numeric) {}
    List<Described> described = new ArrayList<>();
    spec.idColumn().ifPresent(id -> described.add(new Described(id, "id", false)));
    described.add(new Described(spec.label(), "label", false));
    spec.features()
        .forEach(
            f ->
                described.add(
                    new Described(f.name(), f.type().id(), f.type() == FeatureType.NUMERIC)));

    List<Column> aggs = new ArrayList<>();
    for (Described d : described) {
      String q = FeaturePipeline.quote(d.name());
      Column value =
          d.numeric()
              ? expr("nanvl(try_cast(" + q + " AS DOUBLE), NULL)")
              : nullif(expr("trim(cast(" + q + " AS STRING))"), lit(""));
      aggs.add(count(when(value.isNull(), 1)));
      aggs.add(count_distinct(value));
      if (d.numeric()) {
        aggs.add(min(value));
        aggs.add(max(value));
        aggs.add(avg(value));
      }
    }
    Row r = raw.agg(count(lit(1)), aggs.toArray(Column[]::new)).first();
    long rows = r.getLong(0);
    List<DatasourceDescription.ColumnStats> stats = new ArrayList<>();
    int i = 1;
    for (Described d : described) {
      long missing = r.getLong(i++);
      long distinct = r.getLong(i++);
      Double lo = null;
      Double hi = null;
      Double mean = null;
      if (d.numeric()) {
        lo = r.isNullAt(i) ? null : r.getDouble(i);
        hi = r.isNullAt(i + 1) ? null : r.getDouble(i + 1);
        mean = r.isNullAt(i + 2) ? null : r.getDouble(i + 2);
        i += 3;
      }
      stats.add(
          new DatasourceDescription.ColumnStats(
              d.name(), d.role(), missing, distinct, lo, hi, mean));
    }
    Map<String, Long> balance = new LinkedHashMap<>();
    Column label = coalesce(nullif(LabelColumn.labelText(spec.label()), lit("")), lit("(missing)"));
    for (Row b :
        raw.groupBy(label.as("l"))
            .count()
            .orderBy(desc("count"), col("l"))
            .limit(MAX_BALANCE_ROWS)
            .collectAsList()) {
      balance.put(b.getString(0), b.getLong(1));
    }
    return new DatasourceDescription(spec.input(), rows, stats, balance);
  }
}
