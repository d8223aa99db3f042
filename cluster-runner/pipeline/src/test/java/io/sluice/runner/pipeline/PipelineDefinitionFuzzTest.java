package io.sluice.runner.pipeline;

import io.sluice.fuzz.FuzzCounts;
import io.sluice.fuzz.FuzzProperty;
import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.Mutant;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.Refusals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Pipeline files (PipelineDefinition, StepParser, StepFields) under seeded mutations of a valid one
 * with every step kind: each parses to steps or is refused with a one-line user error, and neither
 * a YAML billion laughs nor variables of variables expand without bound.
 */
class PipelineDefinitionFuzzTest extends FuzzTestBase {

  private static final FuzzCounts COUNTS = new FuzzCounts("pipeline YAML (PipelineDefinition)");
  private static final Path DIR = Path.of("/work/pipelines");

  private static final List<String> SAMPLES =
      List.of(
          "name: demo\n"
              + "description: every step kind, é\n"
              + "vars:\n"
              + "  data: ${pipeline_dir}/..   # the raw sample data\n"
              + "  bucket: s3://sluice-demo\n"
              + "  warehouse: duckdb:.sluice/demo/warehouse.duckdb\n"
              + "jars: [lib/my-jobs.jar, '${data}/b.jar']\n"
              + "steps:\n"
              + "  - name: upload-raw\n"
              + "    kind: upload\n"
              + "    from: ${data}\n"
              + "    include: [etl, logs, ml]\n"
              + "    to: ${bucket}/raw\n"
              + "  - name: etl-orders\n"
              + "    kind: job\n"
              + "    job: etl\n"
              + "    options: {input: '${bucket}/raw/etl/orders.csv', output: '${bucket}/o',"
              + " overwrite: true}\n"
              + "  - {name: train, kind: ml-train, spec: '${data}/ml/churn.yaml', registry:"
              + " '${bucket}/models', model: churn}\n"
              + "  - {name: predict, kind: ml-predict, registry: '${bucket}/models', model: churn,"
              + " input: in.csv, output: out, id: customer_id}\n"
              + "  - name: orders-table\n"
              + "    kind: spark-sql\n"
              + "    inputs: {orders: \"${bucket}/curated/orders\"}\n"
              + "    query: SELECT * FROM orders\n"
              + "    output: ${bucket}/tables/orders\n"
              + "  - {name: load, kind: load-warehouse, input: x, table: orders, mode: merge, key:"
              + " [id], target: '${warehouse}'}\n"
              + "  - {name: kv, kind: load-kv, input: x, table: t, key: customer_id, sort_key: d}\n"
              + "  - name: revenue\n"
              + "    kind: sql-check\n"
              + "    target: ${warehouse}\n"
              + "    query: |\n"
              + "      SELECT count(*) FROM orders\n"
              + "    expect: '> 0'\n"
              + "    rows: '= 1'\n"
              + "    show: true\n");

  @Override
  protected List<FuzzProperty> properties() {
    return List.of(
        FuzzProperty.of(
            "a pipeline parses or is refused in one line",
            1751,
            Mutations.of(SAMPLES),
            PipelineDefinitionFuzzTest::parse),
        FuzzProperty.of(
                "a huge pipeline parses or is refused in one line",
                1752,
                Mutations.withHugeField(SAMPLES),
                PipelineDefinitionFuzzTest::parse)
            .withTries(3));
  }

  @Test
  void theSampleIsValid() {
    PipelineDefinition.parse(SAMPLES.get(0), "pipeline.yaml", DIR, Map.of());
  }

  @Test
  void aBillionLaughsIsRefusedInOneLine() throws Exception {
    refused("vars:\n" + Mutations.billionLaughs("  ") + "steps: *j\n");
  }

  @Test
  void variablesOfVariablesAreRefusedPastTheirLimit() throws Exception {
    StringBuilder vars = new StringBuilder("vars:\n  v0: lol\n");
    for (int i = 1; i <= 30; i++) {
      vars.append("  v").append(i).append(": ").append(("${v" + (i - 1) + "}").repeat(10));
      vars.append('\n');
    }
    vars.append("steps: [{name: a, kind: upload, from: '${v30}', to: b}]\n");
    refused(vars.toString());
  }

  @AfterAll
  static void printCounts() {
    COUNTS.print();
  }

  private static void refused(String text) throws Exception {
    Refusals.refusedAs(
        InvalidPipelineException.class,
        () -> PipelineDefinition.parse(text, "bomb.yaml", DIR, Map.of()));
  }

  private static void parse(Mutant file) throws Exception {
    Refusals.parsedOrRefused(
        COUNTS, () -> PipelineDefinition.parse(file.text(), "pipeline.yaml", DIR, Map.of()));
  }
}
