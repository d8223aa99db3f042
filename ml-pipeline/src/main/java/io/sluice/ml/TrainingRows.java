package io.sluice.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the trainer checks before fitting, from one aggregation over the input rows: the label's
 * classes, the rows read, to train and to test, the rows' fingerprint and, per feature, how many
 * labelled rows have a value.
 *
 * <p>The rows are grouped by their label (the class for classification; labelled or not for
 * regression), so the classes and every count come from one pass. Before, the classes were a
 * distinct query of their own, a second full read and parse of the input; at scale 100 of the demo
 * that was a third of the time before the fit.
 *
 * @param labels the sorted classes (empty for regression)
 * @param featureValues per feature of the spec, in order: labelled rows whose value is present
 */
record TrainingRows(
    List<String> labels,
    long read,
    long trainRows,
    long testRows,
    String fingerprint,
    long[] featureValues) {

  /** The label column's group: the class, {@code "labelled"} for regression, null without one. */
  private static final String GROUP = "label__group";

  /**
   * Aggregates {@code rows}, the input as {@link DatasourceReader} reads it plus {@code inTrain}
   * (true for the training split) and {@code rowHash} (a 64-bit hash of the row's content).
   *
   * @throws InvalidTrainingDataException for a classification label with fewer than two or more
   *     than {@value LabelColumn#MAX_CLASSES} classes
   */
  static TrainingRows of(
      Dataset<Row> rows, DatasourceSpec spec, boolean regression, String inTrain, String rowHash) {
    Column group;
    if (regression) {
      Column number = LabelColumn.value(spec.label(), Task.REGRESSION, List.of());
      group = when(number.isNotNull(), lit("labelled"));
    } else {
      Column text = LabelColumn.labelText(spec.label());
      group = when(text.isNotNull().and(text.notEqual("")), text);
    }
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(when(col(inTrain), 1)));
    aggs.add(count(when(col(inTrain).unary_$bang(), 1)));
    // Decimal: a sum of 64-bit hashes overflows a long, and Spark 4 fails on overflow.
    aggs.add(sum(col(rowHash).cast("decimal(20,0)")));
    for (FeatureSpec f : spec.features()) {
      aggs.add(count(when(present(f), 1)));
    }
    // One group more than the classes allowed shows there are too many; one for the unlabelled.
    List<Row> groups =
        rows.groupBy(group.as(GROUP))
            .agg(count(lit(1)), aggs.toArray(Column[]::new))
            .limit(LabelColumn.MAX_CLASSES + 2)
            .collectAsList();

    List<String> labels = new ArrayList<>();
    long read = 0;
    long train = 0;
    long test = 0;
    BigDecimal hashSum = BigDecimal.ZERO;
    long[] featureValues = new long[spec.features().size()];
    for (Row g : groups) {
      read += g.getLong(1);
      if (!g.isNullAt(4)) {
        hashSum = hashSum.add(g.getDecimal(4));
      }
      if (g.isNullAt(0)) {
        continue;
      }
      labels.add(g.getString(0));
      train += g.getLong(2);
      test += g.getLong(3);
      for (int i = 0; i < featureValues.length; i++) {
        featureValues[i] += g.getLong(5 + i);
      }
    }
    if (!regression) {
      labels.sort(null);
      LabelColumn.requireClasses(labels, spec.label(), spec.input());
    }
    String fingerprint = "rows=" + read + ",xxhash64-sum=" + hashSum.toPlainString();
    return new TrainingRows(
        regression ? List.of() : List.copyOf(labels),
        read,
        train,
        test,
        fingerprint,
        featureValues);
  }

  /** A feature value counts as present when the pipeline would use it as given, not impute it. */
  private static Column present(FeatureSpec f) {
    String c = FeaturePipeline.quote(f.name());
    return switch (f.type()) {
      case NUMERIC ->
          expr(
              "try_cast("
                  + c
                  + " AS DOUBLE) IS NOT NULL AND NOT isnan(try_cast("
                  + c
                  + " AS DOUBLE))");
      case CATEGORICAL, TEXT -> expr("nullif(trim(cast(" + c + " AS STRING)), '') IS NOT NULL");
    };
  }
}
