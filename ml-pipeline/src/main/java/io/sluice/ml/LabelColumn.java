package io.sluice.ml;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The label as the estimators read it: for classification the index of the class in the model's
 * sorted labels, for regression the number. Kept out of the pipeline so a saved model scores data
 * that has no label. A row whose label is missing (or, for regression, not a number) gets null.
 */
final class LabelColumn {

  /** The prepared label column. */
  static final String VALUE = "label__value";

  /** More distinct values than this is a number, not a class. */
  static final int MAX_CLASSES = 100;

  private LabelColumn() {}

  static Column labelText(String label) {
    return trim(col(FeaturePipeline.quote(label)).cast("string"));
  }

  static Column value(String label, Task task, List<String> labels) {
    if (task == Task.REGRESSION) {
      Column number = expr("try_cast(" + FeaturePipeline.quote(label) + " AS DOUBLE)");
      return when(number.isNotNull().and(number.isNaN().unary_$bang()), number);
    }
    Column[] classes = labels.stream().map(l -> lit(l)).toArray(Column[]::new);
    Column position = array_position(array(classes), labelText(label));
    return when(position.gt(0), position.minus(1).cast("double"));
  }

  /**
   * The sorted distinct label values of classification data: the last one is the positive class of
   * a binary model (1 over 0, yes over no, true over false).
   *
   * @throws InvalidTrainingDataException for fewer than two classes or more than {@value
   *     #MAX_CLASSES}
   */
  static List<String> classes(Dataset<Row> data, String label, String input) {
    Column text = labelText(label);
    List<Row> rows =
        data.select(text.as("l"))
            .where(col("l").isNotNull().and(col("l").notEqual("")))
            .distinct()
            .limit(MAX_CLASSES + 1)
            .collectAsList();
    List<String> labels = new ArrayList<>();
    for (Row r : rows) {
      labels.add(r.getString(0));
    }
    labels.sort(null);
    requireClasses(labels, label, input);
    return labels;
  }

  /**
   * @param labels the distinct label values found (at most one more than {@value #MAX_CLASSES})
   * @throws InvalidTrainingDataException for fewer than two classes or more than {@value
   *     #MAX_CLASSES}
   */
  static void requireClasses(List<String> labels, String label, String input) {
    if (labels.isEmpty()) {
      throw new InvalidTrainingDataException("label '" + label + "' has no values in " + input);
    }
    if (labels.size() == 1) {
      throw new InvalidTrainingDataException(
          "label '"
              + label
              + "' has one class ('"
              + labels.get(0)
              + "') in "
              + input
              + "; a classifier needs at least two");
    }
    if (labels.size() > MAX_CLASSES) {
      throw new InvalidTrainingDataException(
          "label '"
              + label
              + "' has more than "
              + MAX_CLASSES
              + " distinct values in "
              + input
              + "; for a number use --algorithm linear");
    }
  }
}
