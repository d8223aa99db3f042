package io.sluice.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.SluiceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's one aggregation ({@link TrainingRows}): the classes, the split's counts, the
 * fingerprint and the per-feature counts, checked against rows counted by hand and against the
 * fingerprint a plain sum over the whole input gives.
 */
@SluiceTest
class TrainingRowsIT {

  // label: 2 x "no", 3 x "yes" (one padded), 1 x "maybe"; one empty and one missing label.
  private static final String CSV =
      "id,x,c,y\n"
          + "1,1.5,a,no\n"
          + "2,,b,yes\n"
          + "3,2.5,,yes\n"
          + "4,oops,a, yes \n"
          + "5,3.5,b,no\n"
          + "6,4.5,c,maybe\n"
          + "7,5.5,a,\n"
          + "8,6.5,b\n";

  @TempDir Path dir;

  @Test
  void oneAggregationGivesTheClassesCountsAndFingerprint(SparkSession spark) throws IOException {
    DatasourceSpec spec = spec("x: numeric", "c: categorical");
    Dataset<Row> rows = rows(spark, spec);
    TrainingRows counted = TrainingRows.of(rows, spec, false, "in_train", "row_hash");

    assertEquals(List.of("maybe", "no", "yes"), counted.labels());
    assertEquals(8, counted.read());
    long labelledInTrain = rows.where("in_train AND id <= 6").count();
    assertEquals(labelledInTrain, counted.trainRows());
    assertEquals(6 - labelledInTrain, counted.testRows());
    // x: rows 1, 3, 5, 6 (2 is missing, 4 is not a number); c: all labelled rows but 3.
    assertArrayEquals(new long[] {4, 5}, counted.featureValues());
    Object hashSum = rows.agg(sum(col("row_hash").cast("decimal(20,0)"))).first().get(0);
    assertEquals(
        "rows=8,xxhash64-sum=" + ((java.math.BigDecimal) hashSum).toPlainString(),
        counted.fingerprint());
  }

  @Test
  void forRegressionTheLabelledRowsAreTheNumbers(SparkSession spark) throws IOException {
    Files.writeString(dir.resolve("data.csv"), "x,y\n1,2.5\n2,\n3,abc\n4,NaN\n5,7\n");
    DatasourceSpec spec =
        DatasourceSpec.parse(
            "input: data.csv\nlabel: y\nfeatures:\n  - {name: x, type: numeric}\n", "r.yaml", dir);
    TrainingRows counted = TrainingRows.of(rows(spark, spec), spec, true, "in_train", "row_hash");
    assertEquals(List.of(), counted.labels());
    assertEquals(5, counted.read());
    assertEquals(2, counted.trainRows() + counted.testRows());
    assertArrayEquals(new long[] {2}, counted.featureValues());
  }

  @Test
  void tooManyClassesIsTheClassifiersError(SparkSession spark) throws IOException {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i <= LabelColumn.MAX_CLASSES + 5; i++) {
      csv.append(i).append(",class").append(i).append('\n');
    }
    Files.writeString(dir.resolve("data.csv"), csv);
    DatasourceSpec spec =
        DatasourceSpec.parse(
            "input: data.csv\nlabel: y\nfeatures:\n  - {name: x, type: numeric}\n", "m.yaml", dir);
    InvalidTrainingDataException e =
        assertThrows(
            InvalidTrainingDataException.class,
            () -> TrainingRows.of(rows(spark, spec), spec, false, "in_train", "row_hash"));
    assertTrue(
        e.getMessage().startsWith("label 'y' has more than " + LabelColumn.MAX_CLASSES),
        e.getMessage());
  }

  private DatasourceSpec spec(String... features) throws IOException {
    Files.writeString(dir.resolve("data.csv"), CSV);
    StringBuilder yaml = new StringBuilder("input: data.csv\nlabel: y\nid: id\nfeatures:\n");
    for (String f : features) {
      String[] nameType = f.split(": ");
      yaml.append("  - {name: ")
          .append(nameType[0])
          .append(", type: ")
          .append(nameType[1])
          .append("}\n");
    }
    return DatasourceSpec.parse(yaml.toString(), "data.yaml", dir);
  }

  private static Dataset<Row> rows(SparkSession spark, DatasourceSpec spec) {
    Dataset<Row> raw = new DatasourceReader(spark).read(spec);
    Column[] all = java.util.Arrays.stream(raw.columns()).map(c -> col(c)).toArray(Column[]::new);
    return raw.withColumn("in_train", ModelTrainer.inTrainingSplit(raw, spec))
        .withColumn("row_hash", xxhash64(all));
  }
}
