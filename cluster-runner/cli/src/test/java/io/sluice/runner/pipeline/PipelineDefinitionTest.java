package io.sluice.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.jobs.JobRegistry;
import io.sluice.runner.ExitCode;
import io.sluice.runner.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PipelineDefinitionTest {

  @TempDir Path dir;

  private static PipelineDefinition parse(String yaml, Map<String, String> overrides) {
    return PipelineDefinition.parse(yaml, "p.yaml", Path.of("/data/pipelines"), overrides);
  }

  private static String error(String yaml) {
    return assertThrows(InvalidPipelineException.class, () -> parse(yaml, Map.of())).getMessage();
  }

  @Test
  void parsesEveryStepKindWithVariablesResolved() {
    PipelineDefinition p =
        parse(
            """
        name: demo
        vars: {bucket: s3://b, data: "${pipeline_dir}/..", wh: "duckdb:${data}/w.duckdb"}
        steps:
          - {name: up, kind: upload, from: "${data}", include: [etl, logs], to: "${bucket}/raw"}
          - {name: etl, kind: job, job: etl, options: {input: "${bucket}/raw/o.csv", output: "${bucket}/o", overwrite: true}}
          - {name: flat, kind: spark-sql, inputs: {orders: "${bucket}/o"}, query: SELECT * FROM orders, output: "${bucket}/t"}
          - {name: train, kind: ml-train, spec: "${data}/ml/s.yaml", registry: "${bucket}/m", model: churn}
          - {name: predict, kind: ml-predict, registry: "${bucket}/m", model: churn, input: x.csv, output: "${bucket}/p"}
          - {name: load, kind: load-warehouse, input: "${bucket}/t", table: orders, target: "${wh}"}
          - {name: kv, kind: load-kv, input: "${bucket}/p", table: preds, key: customer_id}
          - {name: check, kind: sql-check, query: SELECT count(*) FROM orders, expect: "> 0", rows: "= 1", show: true}
        """,
            Map.of("bucket", "s3://other"));
    assertEquals("demo", p.name());
    assertEquals(8, p.steps().size());
    PipelineStep.Upload up = assertInstanceOf(PipelineStep.Upload.class, p.steps().get(0));
    assertEquals("/data/pipelines/..", up.from());
    assertEquals(List.of("etl", "logs"), up.include());
    assertEquals("s3://other/raw", up.to(), "--var overrides the vars block");
    PipelineStep.Job etl = assertInstanceOf(PipelineStep.Job.class, p.steps().get(1));
    assertEquals("spark", etl.engine());
    assertEquals(
        Map.of("input", "s3://other/raw/o.csv", "output", "s3://other/o", "overwrite", "true"),
        etl.options());
    assertEquals("logistic", ((PipelineStep.MlTrain) p.steps().get(3)).algorithm());
    PipelineStep.LoadWarehouse load =
        assertInstanceOf(PipelineStep.LoadWarehouse.class, p.steps().get(5));
    assertEquals("duckdb:/data/pipelines/../w.duckdb", load.target());
    assertEquals("replace", load.mode());
    PipelineStep.SqlCheck check = assertInstanceOf(PipelineStep.SqlCheck.class, p.steps().get(7));
    assertTrue(check.show());
    assertTrue(check.expect().test(3L));
    assertFalse(check.expect().test(0L));
    assertTrue(check.rows().test(1L));
    assertEquals("sql-check", check.kind());
  }

  @Test
  void unknownStepKindIsNamedWithTheKindsThereAre() {
    String m = error("steps:\n  - {name: s1, kind: shell, command: ls}\n");
    assertTrue(
        m.startsWith(
            "p.yaml: step 's1', field 'kind': unknown step kind 'shell'; kinds: [upload, job, "),
        m);
  }

  @Test
  void missingFieldNamesFileStepAndField() {
    String m = error("steps:\n  - {name: load, kind: load-warehouse, input: x}\n");
    assertEquals(
        "p.yaml: step 'load', field 'table': missing (required for kind load-warehouse)", m);
  }

  @Test
  void unknownVariableNamesFieldAndKnownVariables() {
    String m =
        error(
            "vars: {a: 1}\nsteps:\n  - {name: j, kind: job, job: etl, options: {input: \"${nope}/x\"}}\n");
    assertTrue(
        m.startsWith("p.yaml: step 'j', field 'options.input': unknown variable ${nope}; "), m);
    assertTrue(m.contains("(known: [a, pipeline_dir])"), m);
  }

  @Test
  void misspeltFieldIsRejectedNotIgnored() {
    String m =
        error("steps:\n  - {name: k, kind: load-kv, input: x, table: tab, key: id, sortkey: s}\n");
    assertTrue(
        m.startsWith("p.yaml: step 'k', field 'sortkey': unknown field for kind load-kv"), m);
  }

  @Test
  void otherMistakesAreOneLineEach() {
    assertTrue(error("steps: []\n").contains("'steps' must be a non-empty list"));
    assertTrue(error("stepz: []\n").contains("unknown field 'stepz'"));
    assertTrue(
        error(
                "steps:\n  - {name: a, kind: upload, from: x, to: y}\n  - {name: a, kind: upload, from: x, to: y}\n")
            .contains("step 2: the name 'a' is used by an earlier step"));
    assertTrue(
        error("steps:\n  - {name: c, kind: sql-check, query: SELECT 1}\n")
            .contains("field 'expect': missing"));
    assertTrue(
        error("steps:\n  - {name: c, kind: sql-check, query: SELECT 1, rows: many}\n")
            .contains("step 'c', field 'rows': 'many' is not OP VALUE"));
    assertTrue(
        error(
                "vars: {a: \"${b}\", b: \"${a}\"}\nsteps:\n  - {name: a, kind: upload, from: x, to: y}\n")
            .contains("refers to itself"));
    assertTrue(
        error("steps:\n  - {name: a, kind: upload, from: x, to: [y]\n").startsWith("p.yaml:"));
  }

  @Test
  void fromAndOnlySelectSteps() {
    PipelineDefinition p =
        parse(
            "steps:\n  - {name: a, kind: upload, from: x, to: y}\n  - {name: b, kind: upload, from: x, to: y}\n"
                + "  - {name: c, kind: upload, from: x, to: y}\n",
            Map.of());
    assertEquals(List.of("b", "c"), p.select("b", null).stream().map(PipelineStep::name).toList());
    assertEquals(List.of("b"), p.select(null, "b").stream().map(PipelineStep::name).toList());
    assertEquals(3, p.select(null, null).size());
    assertTrue(
        assertThrows(InvalidPipelineException.class, () -> p.select("z", null))
            .getMessage()
            .contains("no step named 'z'; steps: a, b, c"));
  }

  @Test
  void expectationsCompareNumbersAsNumbersAndTextAsText() {
    assertTrue(Expectation.parse("= 4778.87").test(4778.870));
    assertTrue(Expectation.parse(">= 2").test(2));
    assertFalse(Expectation.parse("< 2").test(2));
    assertTrue(Expectation.parse("= 'paid'").test("paid"));
    assertTrue(Expectation.parse("!= paid").test("open"));
    assertFalse(Expectation.parse("> 1").test(null));
  }

  @Test
  void validateCommandExitsTwoNamingTheJobOption() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        "steps:\n  - {name: etl, kind: job, job: etl, options: {input: a.csv, output: out, schema: s.yaml, colour: red}}\n");
    StringWriter err = new StringWriter();
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertEquals(ExitCode.BAD_INPUT, cli.execute("pipeline", "validate", file.toString()));
    assertTrue(err.toString().startsWith("sluice: " + file + ": step 'etl': "), err.toString());
    assertTrue(err.toString().contains("colour"), err.toString());

    Files.writeString(file, "steps:\n  - {name: etl, kind: job, job: nosuchjob, options: {}}\n");
    err.getBuffer().setLength(0);
    assertEquals(ExitCode.BAD_INPUT, cli.execute("pipeline", "validate", file.toString()));
    assertTrue(
        err.toString().contains("step 'etl'") && err.toString().contains("nosuchjob"),
        err.toString());
  }

  @Test
  void runRejectsBadTargetsAndMissingFilesWithExitTwo() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(file, "steps:\n  - {name: a, kind: upload, from: x, to: y}\n");
    StringWriter err = new StringWriter();
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load());
    cli.setErr(new PrintWriter(err, true));
    assertEquals(
        ExitCode.BAD_INPUT, cli.execute("pipeline", "run", file.toString(), "--on", "cluster"));
    assertTrue(err.toString().contains("--on cluster needs --master"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        ExitCode.BAD_INPUT,
        cli.execute("pipeline", "run", file.toString(), "--on", "cluster", "--master", "yarn"));
    assertTrue(err.toString().contains("pipelines do not run on YARN"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        ExitCode.BAD_INPUT,
        cli.execute(
            "pipeline",
            "run",
            file.toString(),
            "--on",
            "local",
            "--master",
            "spark://127.0.0.1:7077"));
    assertTrue(err.toString().contains("--master is for --on cluster"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        ExitCode.BAD_INPUT, cli.execute("pipeline", "run", file.toString(), "--on", "mars"));
    assertTrue(
        err.toString()
            .contains("--on 'mars' is not one of [local, minicluster, standalone, cluster]"),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        ExitCode.BAD_INPUT, cli.execute("pipeline", "run", dir.resolve("none.yaml").toString()));
    assertTrue(err.toString().contains("none.yaml does not exist"), err.toString());
  }

  @Test
  void aStepWithAMissingInputStopsTheRunWithExitTwoNamingIt() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        "steps:\n  - {name: copy, kind: upload, from: "
            + dir.resolve("missing")
            + ", to: "
            + dir.resolve("out")
            + "}\n  - {name: never, kind: upload, from: x, to: y}\n");
    StringWriter err = new StringWriter();
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    // A missing input is the user's to fix, in a pipeline as in `sluice run`: exit 2, naming the
    // step.
    assertEquals(ExitCode.BAD_INPUT, cli.execute("pipeline", "run", file.toString()));
    assertTrue(err.toString().contains("sluice: step 'copy' (upload) failed: "), err.toString());
    assertFalse(err.toString().contains("never (upload) ..."), err.toString());
  }

  @Test
  void uploadCopiesATreeAndCountsFiles() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/etl/sub"));
    Files.writeString(src.resolve("a.csv"), "x\n");
    Files.writeString(dir.resolve("src/etl/b.csv"), "yy\n");
    Files.writeString(Files.createDirectories(dir.resolve("src/other")).resolve("c.csv"), "skip\n");
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        "steps:\n  - {name: up, kind: upload, from: "
            + dir.resolve("src")
            + ", include: [etl], to: "
            + dir.resolve("dst")
            + "}\n");
    StringWriter out = new StringWriter();
    CommandLine cli = SluiceCli.commandLine(JobRegistry.load());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    assertEquals(ExitCode.OK, cli.execute("pipeline", "run", file.toString()));
    assertEquals("x\n", Files.readString(dir.resolve("dst/etl/sub/a.csv")));
    assertEquals("yy\n", Files.readString(dir.resolve("dst/etl/b.csv")));
    assertFalse(Files.exists(dir.resolve("dst/other")));
    assertTrue(
        out.toString()
            .contains("pipeline p [local] done: 1 steps, records in=2 rejected=0, in=5 B out=5 B"),
        out.toString());
  }
}
