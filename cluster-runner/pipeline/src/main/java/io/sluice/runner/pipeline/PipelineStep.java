package io.sluice.runner.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One step of a pipeline. Steps hand data to each other only through storage URIs, so each can also
 * be run alone ({@code --only}) or resumed ({@code --from}).
 */
public sealed interface PipelineStep {

  /** The step's name, unique in its pipeline. */
  String name();

  /** The {@code kind:} the step is written with. */
  default String kind() {
    return StepKind.of(this).id();
  }

  /** Copies local files (a file or a directory tree) to a URI. */
  record Upload(String name, String from, List<String> include, String to)
      implements PipelineStep {}

  /**
   * A registered job (see {@code sluice jobs}) with its options, as {@code sluice run JOB} takes
   * them.
   */
  record Job(String name, String job, String engine, Map<String, String> options)
      implements PipelineStep {}

  /** A Spark SQL query over named Parquet/CSV inputs, written as Parquet (replacing the output). */
  record SparkSql(String name, Map<String, String> inputs, String query, String output)
      implements PipelineStep {}

  /**
   * Trains a model from a datasource spec into a registry (reusing an identical earlier version).
   */
  record MlTrain(
      String name, String spec, String input, String algorithm, String registry, String model)
      implements PipelineStep {}

  /** Scores a data set with a registered model into Parquet (id, prediction, probability). */
  record MlPredict(
      String name, String registry, String model, String input, String output, String id)
      implements PipelineStep {}

  /** Loads Parquet/CSV into a warehouse table in one transaction. */
  record LoadWarehouse(
      String name,
      String input,
      String table,
      String mode,
      List<String> key,
      String format,
      String target)
      implements PipelineStep {}

  /** Loads Parquet/CSV into a DynamoDB-API table (items are put by key, so a repeat overwrites). */
  record LoadKv(String name, String input, String table, String key, String sortKey)
      implements PipelineStep {}

  /**
   * A query against the warehouse and what its answer must be: {@code expect} compares the first
   * value of the first row, {@code rows} the number of rows (e.g. {@code "> 0"}, {@code "= 42"}).
   */
  record SqlCheck(
      String name, String query, String target, Expectation expect, Expectation rows, boolean show)
      implements PipelineStep {}

  /** The step kinds, as written in the file. */
  enum StepKind {
    UPLOAD("upload"),
    JOB("job"),
    SPARK_SQL("spark-sql"),
    ML_TRAIN("ml-train"),
    ML_PREDICT("ml-predict"),
    LOAD_WAREHOUSE("load-warehouse"),
    LOAD_KV("load-kv"),
    SQL_CHECK("sql-check");

    private final String id;

    StepKind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    static StepKind parse(String text) {
      for (StepKind k : values()) {
        if (k.id.equals(text)) {
          return k;
        }
      }
      return null;
    }

    static List<String> ids() {
      return java.util.Arrays.stream(values()).map(StepKind::id).toList();
    }

    static StepKind of(PipelineStep step) {
      // Java 17: no pattern switch; the sealed interface keeps this list complete by review.
      if (step instanceof Upload) {
        return UPLOAD;
      } else if (step instanceof Job) {
        return JOB;
      } else if (step instanceof SparkSql) {
        return SPARK_SQL;
      } else if (step instanceof MlTrain) {
        return ML_TRAIN;
      } else if (step instanceof MlPredict) {
        return ML_PREDICT;
      } else if (step instanceof LoadWarehouse) {
        return LOAD_WAREHOUSE;
      } else if (step instanceof LoadKv) {
        return LOAD_KV;
      } else if (step instanceof SqlCheck) {
        return SQL_CHECK;
      }
      throw new IllegalStateException("unknown step type " + step.getClass());
    }
  }
}
