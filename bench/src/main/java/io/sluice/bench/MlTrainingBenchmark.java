package io.sluice.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.not;

import io.sluice.ml.Algorithm;
import io.sluice.ml.DatasourceReader;
import io.sluice.ml.DatasourceSpec;
import io.sluice.ml.ModelTrainer;
import io.sluice.ml.TrainedModel;
import io.sluice.ml.TrainingOptions;
import io.sluice.sampledata.ChurnGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Training time and test AUC on the generated churn data at several sizes. The reference is bare
 * MLlib: logistic regression on the four numeric columns only (missing values mean-imputed, no
 * categoricals, no text), the smallest pipeline that can run on this data, trained and measured on
 * the trainer's own content-hash split so that every AUC is on the same test rows. Against it:
 * Sluice's full pipeline (imputation, one-hot, TF-IDF, scaling) with logistic and with gbt.
 *
 * <pre>
 * bench/run MlTrainingBenchmark [ROWS,ROWS...=10000,1000000] [workdir=target/bench-ml] [ALGORITHMS=logistic,gbt]
 * </pre>
 */
public final class MlTrainingBenchmark {

  private record Result(long rows, String run, double seconds, double auc) {}

  public static void main(String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args);
    String sizes = options.text(0, "10000,1000000");
    Path work = options.workDir(1, "target/bench-ml");
    List<Algorithm> algorithms = new ArrayList<>();
    for (String a : options.text(2, "logistic,gbt").split(",")) {
      algorithms.add(Algorithm.parse(a));
    }
    SparkSession spark =
        LoopbackSparkSession.builder("local[*]", "MlTrainingBenchmark")
            .config("spark.sql.shuffle.partitions", "8")
            .getOrCreate();
    List<Result> results = new ArrayList<>();
    try {
      for (String size : sizes.split(",")) {
        long rows = Long.parseLong(size.trim());
        Path csv =
            KeptInputs.of(
                work.resolve("churn-" + rows + ".csv"),
                file -> {
                  System.out.printf(Locale.ROOT, "generating %d rows at %s%n", rows, file);
                  ChurnGenerator.writeTable(42, rows, file);
                });
        Files.writeString(
            work.resolve("churn-" + rows + ".yaml"),
            ChurnGenerator.spec(csv.getFileName().toString()));
        DatasourceSpec spec = DatasourceSpec.load(work.resolve("churn-" + rows + ".yaml"));
        results.add(reference(spark, spec, rows));
        for (Algorithm a : algorithms) {
          long start = System.nanoTime();
          TrainedModel m = new ModelTrainer(spark).train(spec, TrainingOptions.of(a));
          results.add(
              new Result(
                  rows,
                  "sluice pipeline, " + a.id(),
                  (System.nanoTime() - start) / 1e9,
                  m.testReport().metric("auc")));
          System.out.printf(Locale.ROOT, "  %s%n", results.get(results.size() - 1));
        }
      }
    } finally {
      spark.stop();
    }
    System.out.printf(
        Locale.ROOT,
        "%n%10s  %-40s %9s %7s %12s%n",
        "rows",
        "run",
        "seconds",
        "AUC",
        "vs reference");
    double ref = 0;
    for (Result r : results) {
      if (r.run().startsWith("reference")) {
        ref = r.seconds();
      }
      System.out.printf(
          Locale.ROOT,
          "%10d  %-40s %9.1f %7.4f %11.2fx%n",
          r.rows(),
          r.run(),
          r.seconds(),
          r.auc(),
          r.seconds() / ref);
    }
  }

  /**
   * Bare MLlib on the numeric columns, on the trainer's split: the rows read as the trainer reads
   * them, split by the same content hash ({@link ModelTrainer#inTrainingSplit}), rows without a
   * label left out, missing numbers mean-imputed; so both AUCs are measured on the same test rows.
   */
  private static Result reference(SparkSession spark, DatasourceSpec spec, long rows) {
    long start = System.nanoTime();
    String[] numeric = {"age", "tenure_months", "monthly_charges", "support_calls"};
    Dataset<Row> raw = new DatasourceReader(spark).read(spec.input(), spec.format());
    Dataset<Row> data =
        raw.withColumn("in_train", ModelTrainer.inTrainingSplit(raw, spec))
            .withColumn("label", expr("try_cast(" + spec.label() + " AS DOUBLE)"));
    for (String n : numeric) {
      data = data.withColumn(n, expr("try_cast(" + n + " AS DOUBLE)"));
    }
    data = data.where(col("label").isNotNull());
    // Imputed copies under new names: an Imputer writing over its input column makes the name
    // ambiguous.
    String[] imputed =
        java.util.Arrays.stream(numeric).map(n -> n + "_imputed").toArray(String[]::new);
    PipelineModel model =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  new Imputer().setInputCols(numeric).setOutputCols(imputed),
                  new VectorAssembler().setInputCols(imputed).setOutputCol("features"),
                  new LogisticRegression().setMaxIter(100).setRegParam(0.01)
                })
            .fit(data.where(col("in_train")));
    double auc =
        new BinaryClassificationEvaluator()
            .evaluate(model.transform(data.where(not(col("in_train")))));
    Result r =
        new Result(
            rows,
            "reference: MLlib logistic, numeric only",
            (System.nanoTime() - start) / 1e9,
            auc);
    System.out.printf(Locale.ROOT, "  %s%n", r);
    return r;
  }
}
