package io.sluice.ml;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.FuzzProperty;
import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.Refusals;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Datasource spec files under seeded mutations of valid ones: each parses to a spec or is refused
 * with a one-line user error, and a billion-laughs file is refused before it expands.
 */
class DatasourceSpecFuzzTest extends FuzzTestBase {

  private static final FuzzCounts COUNTS = new FuzzCounts("ml datasource spec (DatasourceSpec)");
  private static final Path BASE = Path.of("/data/specs");

  private static final List<String> SAMPLES =
      List.of(
          "input: s3://bucket/path/   # a file or a directory\n"
              + "format: csv\n"
              + "label: y\n"
              + "id: customer_id\n"
              + "features:\n"
              + "  - {name: age, type: numeric}\n"
              + "  - {name: job, type: categorical}\n"
              + "  - name: note\n"
              + "    type: text\n"
              + "split: {train: 0.8, test: 0.2}\n"
              + "seed: 42\n",
          "input: data/churn-é.parquet\nlabel: churned\nfeatures: [{name: tenure, type: numeric}]\n");

  @Override
  protected List<FuzzProperty> properties() {
    return List.of(
        FuzzProperty.of(
            "a spec parses or is refused in one line",
            1741,
            Mutations.of(SAMPLES),
            DatasourceSpecFuzzTest::parse),
        FuzzProperty.of(
                "a huge spec parses or is refused in one line",
                1742,
                Mutations.withHugeField(SAMPLES),
                DatasourceSpecFuzzTest::parse)
            .withTries(3));
  }

  @Test
  void theSamplesAreValid() {
    SAMPLES.forEach(s -> DatasourceSpec.parse(s, "spec.yaml", BASE));
  }

  @Test
  void aBillionLaughsIsRefusedInOneLine() throws Exception {
    String bomb = Mutations.billionLaughs("") + "input: x.csv\nlabel: *j\nfeatures: *j\n";
    Refusals.refusedAs(
        InvalidSpecException.class, () -> DatasourceSpec.parse(bomb, "bomb.yaml", BASE));
  }

  @AfterAll
  static void printCounts() {
    COUNTS.print();
  }

  private static void parse(Mutant spec) throws Exception {
    Refusals.parsedOrRefused(COUNTS, () -> DatasourceSpec.parse(spec.text(), "spec.yaml", BASE));
  }
}
