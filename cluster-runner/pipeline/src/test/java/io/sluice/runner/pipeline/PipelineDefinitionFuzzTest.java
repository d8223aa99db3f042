package io.sluice.runner.pipeline;

import io.sluice.fuzz.FuzzTestBase;
import io.sluice.fuzz.Mutations;
import io.sluice.fuzz.ParserFuzz;
import io.sluice.fuzz.Refusals;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pipeline files (PipelineDefinition, StepParser, StepFields) under seeded mutations of a valid one
 * with every step kind: each parses to steps or is refused with a one-line user error, and neither
 * a YAML billion laughs nor variables of variables expand without bound.
 */
class PipelineDefinitionFuzzTest extends FuzzTestBase {

  private static final Path DIR = Path.of("/work/pipelines");

  private static final List<String> SAMPLES =
      List.of(
          """
          name: demo
          description: every step kind, é
          vars:
            data: ${pipeline_dir}/..   # the raw sample data
            bucket: s3://sluice-demo
            warehouse: duckdb:.sluice/demo/warehouse.duckdb
          jars: [lib/my-jobs.jar, '${data}/b.jar']
          steps:
            - name: upload-raw
              kind: upload
              from: ${data}
              include: [etl, logs, ml]
              to: ${bucket}/raw
            - name: etl-orders
              kind: job
              job: etl
              options: {input: '${bucket}/raw/etl/orders.csv', output: '${bucket}/o', \
          overwrite: true}
            - {name: train, kind: ml-train, spec: '${data}/ml/churn.yaml', registry: \
          '${bucket}/models', model: churn}
            - {name: predict, kind: ml-predict, registry: '${bucket}/models', model: churn, \
          input: in.csv, output: out, id: customer_id}
            - name: orders-table
              kind: spark-sql
              inputs: {orders: "${bucket}/curated/orders"}
              query: SELECT * FROM orders
              output: ${bucket}/tables/orders
            - {name: load, kind: load-warehouse, input: x, table: orders, mode: merge, key: \
          [id], target: '${warehouse}'}
            - {name: kv, kind: load-kv, input: x, table: t, key: customer_id, sort_key: d}
            - name: revenue
              kind: sql-check
              target: ${warehouse}
              query: |
                SELECT count(*) FROM orders
              expect: '> 0'
              rows: '= 1'
              show: true
          """);

  private static final ParserFuzz PIPELINES =
      ParserFuzz.wholeInputs("pipeline YAML (PipelineDefinition)", SAMPLES, p -> parse(p.text()))
          .properties("a pipeline parses or is refused in one line", 1751, 1752, 3);

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

  private static void refused(String text) throws Exception {
    Refusals.refusedAs(
        InvalidPipelineException.class,
        () -> PipelineDefinition.parse(text, "bomb.yaml", DIR, Map.of()));
  }

  private static PipelineDefinition parse(String text) {
    return PipelineDefinition.parse(text, "pipeline.yaml", DIR, Map.of());
  }
}
