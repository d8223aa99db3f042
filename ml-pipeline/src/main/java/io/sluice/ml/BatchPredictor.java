package io.sluice.ml;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.sluice.storage.StorageUri;
import io.sluice.storage.leftovers.StagingDirs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a data set with a registry model and writes one Parquet row per input row: the id column,
 * {@code prediction} (the class as the label was written, or the number for regression) and {@code
 * probability} (of the positive class for a binary model, of the predicted class for a multiclass
 * one, null for regression). The counts are checked after the write.
 *
 * <p>Output is staged beside the target and moved into place when complete (on S3, where a rename
 * is a copy, Spark writes through the S3A committer instead, which publishes nothing until the job
 * commits), so a failed run leaves no partial predictions.
 */
public final class BatchPredictor {

  /** The id column written when neither the caller nor the spec names one. */
  public static final String ROW_ID = "row_id";

  public static final String PREDICTION = "prediction";
  public static final String PROBABILITY = "probability";

  private static final Logger LOG = LoggerFactory.getLogger(BatchPredictor.class);

  private final SparkSession spark;

  public BatchPredictor(SparkSession spark) {
    this.spark = spark;
  }

  /** The predictions as a DataFrame (id, prediction, probability), one row per input row. */
  public Dataset<Row> predictions(
      LoadedModel model, Dataset<Row> input, String idColumn, String inputName) {
    List<String> needed = new ArrayList<>();
    model.spec().features().forEach(f -> needed.add(f.name()));
    if (idColumn != null) {
      needed.add(0, idColumn);
    }
    DatasourceReader.requireColumns(input, needed, inputName);
    Dataset<Row> keyed =
        idColumn != null ? input : input.withColumn(ROW_ID, monotonically_increasing_id());
    String id = idColumn != null ? idColumn : ROW_ID;
    Dataset<Row> scored = model.model().transform(keyed);
    Task task = model.info().taskKind();
    Column prediction;
    Column probability;
    if (task == Task.REGRESSION) {
      prediction = col(PREDICTION);
      probability = lit(null).cast("double");
    } else {
      Column[] labels = model.info().labels().stream().map(l -> lit(l)).toArray(Column[]::new);
      prediction = element_at(array(labels), col(PREDICTION).cast("int").plus(1));
      Column p = org.apache.spark.ml.functions.vector_to_array(col(PROBABILITY), "float64");
      probability = task == Task.BINARY ? element_at(p, 2) : array_max(p);
    }
    return scored.select(
        col(FeaturePipeline.quote(id)), prediction.as(PREDICTION), probability.as(PROBABILITY));
  }

  /**
   * Reads {@code input}, writes predictions to {@code output} as Parquet.
   *
   * @param idColumn the column identifying rows; null uses the spec's {@code id}, else a generated
   *     {@value #ROW_ID}
   * @throws MlInputException when the output exists and {@code overwrite} is false, or a column is
   *     missing
   */
  public PredictionSummary predict(
      LoadedModel model,
      String input,
      DataFormat format,
      String output,
      String idColumn,
      boolean overwrite) {
    long started = System.nanoTime();
    StorageUri target = StorageUri.parse(output);
    Path finalPath = target.toHadoopPath();
    boolean direct = target.scheme() == StorageUri.Scheme.S3;
    String id = idColumn != null ? idColumn : model.spec().idColumn().orElse(null);
    if (id == null) {
      LOG.warn(
          "no --id column and the spec names none: predictions are keyed by a generated {}",
          ROW_ID);
    }
    try {
      FileSystem fs = finalPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(finalPath) && !overwrite) {
        throw new MlInputException(
            "output " + output + " already exists; choose another or pass --overwrite");
      }
      Dataset<Row> rows = new DatasourceReader(spark).read(input, format);
      Dataset<Row> predictions = predictions(model, rows, id, input);
      long inputRows = rows.count();
      LOG.info(
          "scoring {} rows of {} with {}:{}",
          inputRows,
          input,
          model.info().name(),
          model.info().version());
      Path staging =
          direct
              ? finalPath
              : new Path(finalPath.getParent(), StagingDirs.newName(finalPath.getName()));
      if (!direct) {
        StagingDirs.removeAbandonedBeside(fs, finalPath, LOG);
      }
      if (direct && fs.exists(finalPath)) {
        LOG.warn("S3 has no atomic replace: deleting earlier output {} before writing", output);
        fs.delete(finalPath, true);
      }
      try {
        predictions.write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());
        // Read back through a glob: Spark warns about (and skips) a hidden directory given by name.
        long written = spark.read().parquet(new Path(staging, "*.parquet").toString()).count();
        if (written != inputRows) {
          if (direct) {
            fs.delete(finalPath, true);
          }
          throw new IllegalStateException(
              "wrote "
                  + written
                  + " predictions for "
                  + inputRows
                  + " input rows of "
                  + input
                  + "; the output is discarded");
        }
        if (!direct) {
          if (fs.exists(finalPath)) {
            fs.delete(finalPath, true);
          }
          if (!fs.rename(staging, finalPath)) {
            throw new IOException("could not move " + staging + " to " + finalPath);
          }
        }
        long bytes = fs.getContentSummary(finalPath).getLength();
        return new PredictionSummary(
            model.info().name() + ":" + model.info().version(),
            input,
            output,
            inputRows,
            written,
            bytes,
            (System.nanoTime() - started) / 1e9);
      } finally {
        if (!direct && fs.exists(staging)) {
          fs.delete(staging, true);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write predictions to " + output + ": " + e.getMessage(), e);
    }
  }
}
