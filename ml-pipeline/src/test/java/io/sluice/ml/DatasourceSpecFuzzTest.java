package io.sluice.ml;

import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.ParserFuzz;
import io.sluice.fuzz.Refusals;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Datasource spec files under seeded mutations of valid ones: each parses to a spec or is refused
 * with a one-line user error, and a billion-laughs file is refused before it expands.
 */
class DatasourceSpecFuzzTest extends FuzzTestBase {

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

  private static final ParserFuzz SPECS =
      ParserFuzz.wholeInputs("ml datasource spec (DatasourceSpec)", SAMPLES, s -> parse(s.text()))
          .properties("a spec parses or is refused in one line", 1741, 1742, 3);

  @Test
  void aBillionLaughsIsRefusedInOneLine() throws Exception {
    String bomb = Mutations.billionLaughs("") + "input: x.csv\nlabel: *j\nfeatures: *j\n";
    Refusals.refusedAs(
        InvalidSpecException.class, () -> DatasourceSpec.parse(bomb, "bomb.yaml", BASE));
  }

  private static DatasourceSpec parse(String spec) {
    return DatasourceSpec.parse(spec, "spec.yaml", BASE);
  }
}
