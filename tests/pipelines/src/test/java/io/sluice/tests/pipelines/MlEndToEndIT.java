package io.sluice.tests.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.ml.EvaluationCharts;
import io.sluice.runner.SluiceCli;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Amazon ML workflow through the command line, in process on local Spark: generate a small
 * churn file, describe it, train, list, evaluate with pictures, predict; each step's printed counts
 * and files are checked against the others. (Moved from cluster-runner/cli's unit tests: half a
 * minute of Spark that every IT module waited for.)
 *
 * <p>Tagged {@code own-spark-session}: the CLI in this process starts Spark with settings of its
 * own, so it runs in a JVM without the sluice-testing harness's shared session (see pom.xml).
 */
@Tag("own-spark-session")
class MlEndToEndIT {

  private static final int ROWS = 300;
  private static final String[] SPARK = {
    "--master", "local[2]", "--conf", "spark.sql.shuffle.partitions=2"
  };

  @TempDir Path dir;

  @Test
  void describeTrainListEvaluatePredict() throws Exception {
    Path csv = dir.resolve("churn.csv");
    Path spec = dir.resolve("churn.yaml");
    String registry = dir.resolve("registry").toString();
    ok(
        sluice(
            "ml",
            "generate",
            "--rows",
            String.valueOf(ROWS),
            "--seed",
            "11",
            "--output",
            csv.toString(),
            "--spec",
            spec.toString()));

    Outcome describe = ok(run("ml", "datasource", "describe", spec.toString()));
    assertTrue(describe.out.contains(": " + ROWS + " rows"), describe.out);
    assertTrue(describe.out.contains("label balance:"), describe.out);
    assertTrue(
        describe.out.contains("ml datasource describe done: " + ROWS + " rows, "), describe.out);

    Outcome train =
        ok(run("ml", "train", spec.toString(), "--registry", registry, "--name", "churn"));
    Matcher trained =
        find(
            train.out,
            "ml train \\[logistic\\] done: read=(\\d+) train=(\\d+) test=(\\d+) rejected=(\\d+) records, auc=([0-9.]+) .* -> churn:1");
    long test = Long.parseLong(trained.group(3));
    String auc = trained.group(5);
    assertEquals(ROWS, Long.parseLong(trained.group(1)));
    assertEquals(ROWS, Long.parseLong(trained.group(2)) + test + Long.parseLong(trained.group(4)));
    assertTrue(test > 0 && Double.parseDouble(auc) > 0.5, train.out);

    Outcome models = ok(run("ml", "models", "--registry", registry));
    find(
        models.out, "(?m)^churn\\s+1\\s+logistic\\s+binary\\s.*\\sauc=" + Pattern.quote(auc) + " ");
    assertTrue(models.out.contains("1 version(s) in " + registry), models.out);

    Outcome missing = run("ml", "evaluate", "churn:99", "--registry", registry);
    assertEquals(2, missing.code, missing.toString());
    assertEquals(1, missing.err.lines().count(), missing.err);
    assertTrue(
        missing.err.startsWith("sluice: model 'churn' has no version 99 in registry "),
        missing.err);

    Path reports = dir.resolve("report");
    Outcome evaluate =
        ok(
            run(
                "ml",
                "evaluate",
                "churn",
                "--registry",
                registry,
                "--report-dir",
                reports.toString()));
    // The same test split as training: the same rows, the same AUC.
    find(evaluate.out, "(?m)^rows\\s+" + test + "$");
    find(evaluate.out, "(?m)^auc\\s+" + Pattern.quote(auc) + "$");
    assertTrue(
        evaluate.out.contains(
            "ml evaluate [churn:1] done: " + test + " rows measured, 0 without a known label"),
        evaluate.out);
    String metrics = Files.readString(reports.resolve("metrics.json"));
    assertTrue(metrics.contains("\"rows\" : " + test), metrics);
    for (String png : new String[] {EvaluationCharts.ROC_FILE, EvaluationCharts.CONFUSION_FILE}) {
      BufferedImage image = ImageIO.read(reports.resolve(png).toFile());
      assertNotNull(image, png + " is not a readable PNG");
      assertEquals(EvaluationCharts.WIDTH, image.getWidth(), png);
      assertEquals(EvaluationCharts.HEIGHT, image.getHeight(), png);
    }

    Path predictions = dir.resolve("predictions");
    Outcome predict =
        ok(
            run(
                "ml",
                "predict",
                "churn:1",
                "--registry",
                registry,
                "--input",
                csv.toString(),
                "--output",
                predictions.toString()));
    assertTrue(
        predict.out.startsWith(
            "ml predict [churn:1] done: read=" + ROWS + " written=" + ROWS + " records"),
        predict.out);
    // --json: each summary as one JSON object with the text line's fields (moved here from the
    // CLI's JsonOutputTest, whose Spark run held up the modules waiting for the CLI).
    JsonNode trainedJson =
        json(run("--json", "ml", "train", spec.toString(), "--registry", registry, "--name", "j"));
    assertEquals("j", trainedJson.get("model").asText());
    assertEquals(1, trainedJson.get("version").asInt());
    assertEquals(ROWS, trainedJson.get("read").asLong());
    assertEquals(
        ROWS,
        trainedJson.get("train").asLong()
            + trainedJson.get("test").asLong()
            + trainedJson.get("rejected").asLong());
    assertTrue(
        trainedJson.get("metrics").size() > 0
            && trainedJson.get("metrics").elements().next().isNumber(),
        trainedJson.toString());
    JsonNode predictedJson =
        json(
            run(
                "ml",
                "predict",
                "j",
                "--registry",
                registry,
                "--input",
                csv.toString(),
                "--output",
                dir.resolve("predictions-json").toString(),
                "--json"));
    assertEquals(ROWS, predictedJson.get("read").asLong());
    assertEquals(ROWS, predictedJson.get("written").asLong());
    assertTrue(predictedJson.get("bytesOut").asLong() > 0, predictedJson.toString());

    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("MlEndToEndIT")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    try {
      var written = spark.read().parquet(predictions.toString());
      assertEquals(ROWS, written.count());
      assertEquals(ROWS, written.select("customer_id").distinct().count());
      assertEquals(
          0, written.where("prediction IS NULL OR probability < 0 OR probability > 1").count());
    } finally {
      spark.stop();
    }
  }

  private static Outcome run(String... args) {
    String[] all = new String[args.length + SPARK.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(SPARK, 0, all, args.length, SPARK.length);
    return sluice(all);
  }

  private static Outcome ok(Outcome o) {
    assertEquals(0, o.code, o.toString());
    return o;
  }

  /** The one line of a successful run's stdout, as a JSON object. */
  private static JsonNode json(Outcome o) throws Exception {
    ok(o);
    assertEquals(1, o.out.lines().count(), o.out);
    JsonNode node = new ObjectMapper().readTree(o.out);
    assertTrue(node.isObject(), o.out);
    return node;
  }

  private static Matcher find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
    return m;
  }

  /** {@code sluice ARGS} through the CLI's main logic in this JVM, with what it printed. */
  private static Outcome sluice(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SluiceCli.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  private record Outcome(int code, String out, String err) {}
}
