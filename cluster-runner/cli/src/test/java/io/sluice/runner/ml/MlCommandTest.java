package io.sluice.runner.ml;

import static io.sluice.runner.CliOutcome.sluice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.runner.CliOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice ml} in-process: help, the sample generator, and bad input as one line with exit
 * code 2.
 */
class MlCommandTest {

  @TempDir Path dir;

  @Test
  void everyMlCommandHasHelp() {
    for (String sub : List.of("train", "evaluate", "predict", "models", "generate")) {
      CliOutcome o = sluice("ml", sub, "--help");
      assertEquals(0, o.code, sub);
      assertTrue(o.out.startsWith("Usage: sluice ml " + sub), o.out);
    }
    assertTrue(
        sluice("ml", "datasource", "describe", "--help")
            .out
            .startsWith("Usage: sluice ml datasource describe"));
    assertTrue(sluice("ml", "--help").out.contains("predict"));
    CliOutcome bare = sluice("ml");
    assertEquals(2, bare.code, bare.err);
    assertTrue(bare.err.contains("predict"), bare.err);
  }

  @Test
  void generateWritesTheSampleAndItsSpec() throws Exception {
    Path csv = dir.resolve("data/churn.csv");
    Path spec = dir.resolve("churn.yaml");
    CliOutcome o =
        sluice(
            "ml",
            "generate",
            "--rows",
            "50",
            "--seed",
            "3",
            "--output",
            csv.toString(),
            "--spec",
            spec.toString());
    assertEquals(0, o.code, o.err);
    assertEquals(51, Files.readAllLines(csv).size());
    assertTrue(Files.readString(spec).contains("input: data/churn.csv"), Files.readString(spec));
    assertTrue(o.out.startsWith("ml generate done: written=50 records"), o.out);
    CliOutcome again = sluice("ml", "generate", "--rows", "50", "--output", csv.toString());
    assertEquals(2, again.code);
    assertTrue(again.err.contains("already exists; choose another or pass --overwrite"), again.err);
  }

  @Test
  void badRequestsExitWithTwoAndOneLine() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, "input: x.csv\nlabel: y\nfeatures:\n  - {name: a, type: numeric}\n");
    assertBad(
        sluice(
            "ml",
            "train",
            spec.toString(),
            "--algorithm",
            "svm",
            "--registry",
            dir.toString(),
            "--name",
            "m"),
        "sluice: unknown algorithm 'svm'; use one of: logistic, gbt, random-forest, linear");
    assertBad(
        sluice(
            "ml",
            "train",
            dir.resolve("nope.yaml").toString(),
            "--registry",
            dir.toString(),
            "--name",
            "m"),
        "nope.yaml: cannot read the spec");
    assertBad(
        sluice("ml", "train", spec.toString(), "--registry", dir.toString(), "--name", "../m"),
        "model name '../m' must be");
    assertBad(
        sluice(
            "ml",
            "train",
            spec.toString(),
            "--registry",
            dir.toString(),
            "--name",
            "m",
            "--cv-folds",
            "1"),
        "--cv-folds 1 is not cross-validation");
    assertBad(
        sluice("ml", "evaluate", "m:first", "--registry", dir.toString()),
        "version 'first' is not a positive integer");
    assertBad(
        sluice("ml", "evaluate", "m", "--registry", dir.toString(), "--threshold", "1.5"),
        "--threshold must be between 0 and 1");
    assertBad(
        sluice("ml", "generate", "--rows", "0", "--output", dir.resolve("x.csv").toString()),
        "--rows must be at least 1");
  }

  @Test
  void dataAModelCannotBeTrainedOnExitsWithTwoAndOneLine() throws Exception {
    StringBuilder csv = new StringBuilder("x,c,empty,y,same\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i)
          .append(',')
          .append(i % 3 == 0 ? "a" : "b")
          .append(",,")
          .append(i % 2)
          .append(",1\n");
    }
    Files.writeString(dir.resolve("data.csv"), csv);
    String features = "features:\n  - {name: x, type: numeric}\n  - {name: c, type: categorical}\n";
    Path noLabel = dir.resolve("no-label.yaml");
    Files.writeString(noLabel, "input: data.csv\nlabel: churn\n" + features);
    Path oneClass = dir.resolve("one-class.yaml");
    Files.writeString(oneClass, "input: data.csv\nlabel: same\n" + features);
    Path allNull = dir.resolve("all-null.yaml");
    Files.writeString(
        allNull, "input: data.csv\nlabel: y\n" + features + "  - {name: empty, type: numeric}\n");
    String registry = dir.resolve("registry").toString();
    assertBad(
        train(noLabel, registry),
        "sluice: column 'churn' is not in "
            + dir.resolve("data.csv")
            + "; its columns are: x, c, empty, y, same");
    assertBad(train(oneClass, registry), "sluice: label 'same' has one class ('1') in ");
    assertBad(
        train(allNull, registry),
        "sluice: feature 'empty' (numeric) has no values in the 40 labelled rows of ");
    assertTrue(Files.notExists(dir.resolve("registry/m")), "nothing registered");
  }

  private CliOutcome train(Path spec, String registry) {
    return sluice(
        "ml",
        "train",
        spec.toString(),
        "--registry",
        registry,
        "--name",
        "m",
        "--master",
        "local[1]",
        "--conf",
        "spark.sql.shuffle.partitions=2");
  }

  private static void assertBad(CliOutcome o, String expected) {
    assertEquals(2, o.code, o.err);
    assertTrue(o.err.contains(expected), o.err);
    assertEquals(1, o.err.lines().count(), o.err);
  }
}
