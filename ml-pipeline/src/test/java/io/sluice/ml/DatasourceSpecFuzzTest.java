package io.sluice.ml;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.Refusals;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Datasource spec files under seeded mutations of valid ones: each parses to a spec or is refused
 * with a one-line user error, and a billion-laughs file is refused before it expands.
 */
class DatasourceSpecFuzzTest {

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

  @Provide
  Arbitrary<Mutant> specs() {
    return Mutations.of(SAMPLES);
  }

  @Provide
  Arbitrary<Mutant> hugeSpecs() {
    return Mutations.withHugeField(SAMPLES);
  }

  @Property(seed = "1741", shrinking = ShrinkingMode.OFF)
  void aSpecParsesOrIsRefusedInOneLine(@ForAll("specs") Mutant spec) throws Exception {
    parse(spec);
  }

  @Property(seed = "1742", tries = 3, shrinking = ShrinkingMode.OFF)
  void aHugeSpecParsesOrIsRefusedInOneLine(@ForAll("hugeSpecs") Mutant spec) throws Exception {
    parse(spec);
  }

  @Example
  void theSamplesAreValid() {
    SAMPLES.forEach(s -> DatasourceSpec.parse(s, "spec.yaml", BASE));
  }

  @Example
  void aBillionLaughsIsRefusedInOneLine() throws Exception {
    String bomb = Mutations.billionLaughs("") + "input: x.csv\nlabel: *j\nfeatures: *j\n";
    Refusals.refusedAs(
        InvalidSpecException.class, () -> DatasourceSpec.parse(bomb, "bomb.yaml", BASE));
  }

  @AfterContainer
  static void printCounts() {
    COUNTS.print();
  }

  private static void parse(Mutant spec) throws Exception {
    Refusals.parsedOrRefused(COUNTS, () -> DatasourceSpec.parse(spec.text(), "spec.yaml", BASE));
  }
}
