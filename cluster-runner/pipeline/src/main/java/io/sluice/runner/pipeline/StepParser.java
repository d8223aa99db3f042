package io.sluice.runner.pipeline;

import io.sluice.runner.pipeline.PipelineStep.StepKind;
import java.util.Map;

/** Builds the typed step a mapping of fields describes. */
final class StepParser {

  private StepParser() {}

  static PipelineStep parse(StepFields f) {
    String name = f.required("name");
    if (!PipelineDefinition.validStepName(name)) {
      throw f.error("name", "'" + name + "' is not a step name (letters, digits, _ . -)");
    }
    f.named(name);
    String kindText = f.required("kind");
    StepKind kind = StepKind.parse(kindText);
    if (kind == null) {
      throw f.error("kind", "unknown step kind '" + kindText + "'; kinds: " + StepKind.ids());
    }
    return switch (kind) {
      case UPLOAD ->
          new PipelineStep.Upload(name, f.required("from"), f.list("include"), f.required("to"));
      case JOB ->
          new PipelineStep.Job(
              name, f.required("job"), f.optional("engine", "spark"), f.mapping("options", true));
      case SPARK_SQL -> {
        Map<String, String> inputs = f.mapping("inputs", true);
        for (String view : inputs.keySet()) {
          if (!view.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw f.error(
                "inputs." + view, "'" + view + "' is not a SQL table name (letters, digits, _)");
          }
        }
        yield new PipelineStep.SparkSql(name, inputs, f.required("query"), f.required("output"));
      }
      case ML_TRAIN ->
          new PipelineStep.MlTrain(
              name,
              f.required("spec"),
              f.optional("input"),
              f.optional("algorithm", "logistic"),
              f.required("registry"),
              f.required("model"));
      case ML_PREDICT ->
          new PipelineStep.MlPredict(
              name,
              f.required("registry"),
              f.required("model"),
              f.required("input"),
              f.required("output"),
              f.optional("id"));
      case LOAD_WAREHOUSE ->
          new PipelineStep.LoadWarehouse(
              name,
              f.required("input"),
              f.required("table"),
              f.optional("mode", "replace"),
              f.list("key"),
              f.optional("format"),
              f.optional("target"));
      case LOAD_KV ->
          new PipelineStep.LoadKv(
              name,
              f.required("input"),
              f.required("table"),
              f.required("key"),
              f.optional("sort_key"));
      case SQL_CHECK -> {
        Expectation expect = expectation(f, "expect");
        Expectation rows = expectation(f, "rows");
        if (expect == null && rows == null) {
          throw f.error(
              "expect",
              "missing: a sql-check needs 'expect' (first value, e.g. '> 0') and/or 'rows' (row count)");
        }
        yield new PipelineStep.SqlCheck(
            name, f.required("query"), f.optional("target"), expect, rows, f.flag("show"));
      }
    };
  }

  private static Expectation expectation(StepFields f, String field) {
    String text = f.optional(field);
    if (text == null) {
      return null;
    }
    try {
      return Expectation.parse(text);
    } catch (IllegalArgumentException e) {
      throw f.error(field, e.getMessage());
    }
  }
}
