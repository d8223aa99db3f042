package io.sluice.ml;

import io.sluice.storage.StorageUri;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a datasource's rows as they are: CSV columns as strings (features are cast when the
 * pipeline runs, so a value that is not a number counts as missing instead of failing the read),
 * Parquet with its own types. Locations go through {@link StorageUri}, so s3:// reads the same as
 * in jobs.
 */
public final class DatasourceReader {

  private final SparkSession spark;

  public DatasourceReader(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * @throws InvalidTrainingDataException when the input does not exist
   */
  public Dataset<Row> read(String input, DataFormat format) {
    StorageUri uri = StorageUri.parse(input);
    Path path = uri.toHadoopPath();
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new InvalidTrainingDataException("input " + input + " does not exist");
      }
    } catch (IOException e) {
      throw new InvalidTrainingDataException("cannot reach input " + input + ": " + e.getMessage());
    }
    String location = uri.hadoopUri().toString();
    return switch (format) {
      case CSV -> spark.read().option("header", "true").option("mode", "PERMISSIVE").csv(location);
      case PARQUET -> spark.read().parquet(location);
    };
  }

  /**
   * The spec's input with its label, feature and id columns checked.
   *
   * @throws InvalidTrainingDataException when the input does not exist or lacks one of them
   */
  public Dataset<Row> read(DatasourceSpec spec) {
    Dataset<Row> data = read(spec.input(), spec.format());
    List<String> needed = new ArrayList<>();
    needed.add(spec.label());
    spec.features().forEach(f -> needed.add(f.name()));
    spec.idColumn().ifPresent(needed::add);
    requireColumns(data, needed, spec.input());
    return data;
  }

  /**
   * @throws InvalidTrainingDataException naming the first column the data lacks and the columns it
   *     has
   */
  public static void requireColumns(Dataset<Row> data, List<String> columns, String input) {
    List<String> present = Arrays.asList(data.columns());
    for (String column : columns) {
      if (!present.contains(column)) {
        throw new InvalidTrainingDataException(
            "column '"
                + column
                + "' is not in "
                + input
                + "; its columns are: "
                + String.join(", ", present));
      }
    }
  }
}
