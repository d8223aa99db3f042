package io.sluice.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasourceSpecTest {

  private static final String VALID =
      """
      input: s3://bucket/path/
      format: csv
      label: y
      features:
        - {name: age, type: numeric}
        - {name: job, type: categorical}
        - {name: note, type: text}
      split: {train: 0.8, test: 0.2}
      seed: 42
      """;

  private static DatasourceSpec parse(String yaml) {
    return DatasourceSpec.parse(yaml, "spec.yaml", Path.of("/data"));
  }

  private static String error(String yaml) {
    return assertThrows(InvalidSpecException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void readsTheIssueExample() {
    DatasourceSpec spec = parse(VALID);
    assertEquals("s3://bucket/path/", spec.input());
    assertEquals(DataFormat.CSV, spec.format());
    assertEquals("y", spec.label());
    assertEquals(Optional.empty(), spec.idColumn());
    assertEquals(
        List.of(
            new FeatureSpec("age", FeatureType.NUMERIC),
            new FeatureSpec("job", FeatureType.CATEGORICAL),
            new FeatureSpec("note", FeatureType.TEXT)),
        spec.features());
    assertEquals(0.8, spec.trainFraction(), 1e-12);
    assertEquals(42L, spec.seed());
  }

  @Test
  void resolvesARelativeInputAgainstTheSpecFolderAndKeepsUris() {
    assertEquals(
        Path.of("/data/churn.csv").toString(),
        parse(VALID.replace("s3://bucket/path/", "churn.csv")).input());
    assertEquals("/abs/x.csv", parse(VALID.replace("s3://bucket/path/", "/abs/x.csv")).input());
  }

  @Test
  void infersTheFormatFromTheExtensionWhenLeftOut() {
    assertEquals(
        DataFormat.PARQUET,
        parse(VALID.replace("format: csv\n", "").replace("s3://bucket/path/", "s3://b/p.parquet"))
            .format());
    assertTrue(
        error(VALID.replace("format: csv\n", "")).contains("'format': required key is missing"));
  }

  @Test
  void roundTripsThroughYaml() {
    DatasourceSpec spec = parse(VALID.replace("seed: 42", "seed: 7\nid: customer"));
    DatasourceSpec again = DatasourceSpec.parse(spec.toYaml(), "again", null);
    assertEquals(spec.input(), again.input());
    assertEquals(spec.features(), again.features());
    assertEquals(spec.idColumn(), again.idColumn());
    assertEquals(spec.seed(), again.seed());
    assertEquals(spec.trainFraction(), again.trainFraction(), 1e-12);
  }

  @Test
  void namesTheKeyOfEveryMistake() {
    assertEquals(
        "spec.yaml: 'label': required key is missing", error(VALID.replace("label: y\n", "")));
    assertTrue(
        error(VALID.replace("type: numeric", "type: number"))
            .startsWith("spec.yaml: 'features[0].type': unknown type 'number'"));
    assertTrue(
        error(VALID.replace("{name: job, type: categorical}", "{type: categorical}"))
            .startsWith("spec.yaml: 'features[1].name': required key is missing"));
    assertTrue(
        error(VALID.replace("name: note", "name: age"))
            .contains("'features[2]': feature 'age' is listed twice"));
    assertTrue(
        error(VALID.replace("name: note", "name: y")).contains("'features[2]': 'y' is the label"));
    assertTrue(
        error(VALID.replace("test: 0.2", "test: 0.3"))
            .contains("'split': train (0.8) and test (0.3) must add up to 1"));
    assertTrue(
        error(VALID.replace("seed: 42", "seed: soon")).contains("'seed': expected an integer"));
    assertTrue(
        error(VALID.replace("format: csv", "format: json"))
            .contains("'format': unknown format 'json'"));
    assertTrue(error(VALID + "labels: z\n").contains("'labels': unknown key"));
    assertTrue(
        error("input: x.csv\nlabel: y\nfeatures: []\n")
            .contains("'features': expected a non-empty list"));
  }

  @Test
  void reportsTheLineOfBrokenYaml() {
    String message = error("input: x.csv\nlabel: [unclosed\n");
    assertTrue(message.startsWith("spec.yaml:"), message);
    assertTrue(message.contains("not valid YAML"), message);
  }

  @Test
  void unknownAlgorithmNamesTheChoices() {
    UnknownAlgorithmException e =
        assertThrows(UnknownAlgorithmException.class, () -> Algorithm.parse("svm"));
    assertEquals(
        "unknown algorithm 'svm'; use one of: logistic, gbt, random-forest, linear",
        e.getMessage());
    assertEquals(Algorithm.RANDOM_FOREST, Algorithm.parse("random-forest"));
  }

  @Test
  void modelReferencesCarryAnOptionalVersion() {
    assertEquals("churn", ModelRef.parse("churn").toString());
    assertEquals(3, ModelRef.parse("churn:3").version().getAsInt());
    assertTrue(
        assertThrows(MlInputException.class, () -> ModelRef.parse("churn:latest"))
            .getMessage()
            .contains("version 'latest' is not a positive integer"));
    assertThrows(MlInputException.class, () -> ModelRef.parse("../etc"));
  }
}
