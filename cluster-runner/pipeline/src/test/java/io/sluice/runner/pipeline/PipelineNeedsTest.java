package io.sluice.runner.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code needs:} and {@code concurrency:}: defaults, the forms they take, and every mistake. */
class PipelineNeedsTest {

  private static final String A = "  - {name: a, kind: upload, from: x, to: y}\n";
  private static final String B = "  - {name: b, kind: upload, from: x, to: y}\n";

  private static PipelineDefinition parse(String yaml) {
    return PipelineDefinition.parse(yaml, "p.yaml", Path.of("/data"), Map.of());
  }

  private static String error(String yaml) {
    return assertThrows(InvalidPipelineException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void withoutNeedsEachStepWaitsForTheOneBeforeItOneAtATime() {
    PipelineDefinition p =
        parse("steps:\n" + A + B + "  - {name: c, kind: upload, from: x, to: y}\n");
    assertEquals(1, p.concurrency());
    assertEquals(List.of(), p.needsOf("a"));
    assertEquals(List.of("a"), p.needsOf("b"));
    assertEquals(List.of("b"), p.needsOf("c"));
    assertEquals(
        p.needs(),
        new PipelineDefinition("p.yaml", "p", Map.of(), p.steps()).needs(),
        "a pipeline built in code runs in file order too");
  }

  @Test
  void needsTakesAListOneNameOrNothing() {
    PipelineDefinition p =
        parse(
            "concurrency: 3\nsteps:\n"
                + A
                + B
                + "  - {name: c, kind: upload, from: x, to: y, needs: [a, b]}\n"
                + "  - {name: d, kind: upload, from: x, to: y, needs: a}\n"
                + "  - {name: e, kind: upload, from: x, to: y, needs: []}\n"
                + "  - {name: f, kind: upload, from: x, to: y}\n");
    assertEquals(3, p.concurrency());
    assertEquals(List.of("a", "b"), p.needsOf("c"));
    assertEquals(List.of("a"), p.needsOf("d"));
    assertEquals(List.of(), p.needsOf("e"), "[] starts with the run");
    assertEquals(List.of("e"), p.needsOf("f"), "no needs: the step before it");
  }

  @Test
  void needsNamingAnUnknownLaterOrTheSameStepIsRefusedNamingFileStepAndField() {
    assertEquals(
        "p.yaml: step 'b', field 'needs': no step named 'z' before this one; steps before it: a",
        error("steps:\n" + A + "  - {name: b, kind: upload, from: x, to: y, needs: [z]}\n"));
    assertEquals(
        "p.yaml: step 'a', field 'needs': 'b' comes later in the file; a step can only need steps"
            + " before it",
        error("steps:\n  - {name: a, kind: upload, from: x, to: y, needs: [b]}\n" + B));
    assertEquals(
        "p.yaml: step 'a', field 'needs': a step cannot need itself",
        error("steps:\n  - {name: a, kind: upload, from: x, to: y, needs: a}\n"));
    assertEquals(
        "p.yaml: step 'b', field 'needs': 'a' is listed twice",
        error("steps:\n" + A + "  - {name: b, kind: upload, from: x, to: y, needs: [a, a]}\n"));
    assertEquals(
        "p.yaml: step 'a', field 'needs': no step named 'z' before this one; steps before it: none",
        error("steps:\n  - {name: a, kind: upload, from: x, to: y, needs: [z]}\n"));
    assertEquals(
        "p.yaml: step 'b', field 'needs': must be a list of plain values",
        error("steps:\n" + A + "  - {name: b, kind: upload, from: x, to: y, needs: [{a: 1}]}\n"));
  }

  @Test
  void aCycleIsALaterStep() {
    // a needs b and b needs a: whichever comes first needs a later step.
    assertEquals(
        "p.yaml: step 'a', field 'needs': 'b' comes later in the file; a step can only need steps"
            + " before it",
        error(
            "steps:\n  - {name: a, kind: upload, from: x, to: y, needs: [b]}\n"
                + "  - {name: b, kind: upload, from: x, to: y, needs: [a]}\n"));
  }

  @Test
  void concurrencyIsAWholeNumberFromOneToSixteen() {
    assertEquals(16, parse("concurrency: 16\nsteps:\n" + A).concurrency());
    for (String bad : List.of("0", "17", "-1", "two", "1.5", "true", "[2]", "'2'")) {
      assertEquals(
          "p.yaml: field 'concurrency': must be a whole number from 1 to 16 (steps run at once),"
              + " not '"
              + (bad.equals("'2'") ? "2" : bad.equals("[2]") ? "[2]" : bad)
              + "'",
          error("concurrency: " + bad + "\nsteps:\n" + A),
          bad);
    }
  }

  @Test
  void theOptionOverridesTheFileAndIsCheckedNamingIt() {
    PipelineDefinition p = parse("concurrency: 2\nsteps:\n" + A + B);
    assertEquals(1, p.withConcurrency(1, "--concurrency").concurrency());
    assertEquals(p.needs(), p.withConcurrency(4, "--concurrency").needs());
    assertEquals(
        "--concurrency 0: must be a whole number from 1 to 16 (steps run at once)",
        assertThrows(InvalidPipelineException.class, () -> p.withConcurrency(0, "--concurrency"))
            .getMessage());
    assertEquals(
        "--concurrency 17: must be a whole number from 1 to 16 (steps run at once)",
        assertThrows(InvalidPipelineException.class, () -> p.withConcurrency(17, "--concurrency"))
            .getMessage());
  }

  @Test
  void needsIsAFieldOfEveryKindAndMisspellingsAreStillRefused() {
    String m = error("steps:\n" + A + "  - {name: b, kind: upload, from: x, to: y, need: [a]}\n");
    assertEquals(
        "p.yaml: step 'b', field 'need': unknown field for kind upload; fields: [from, include,"
            + " kind, name, needs, to]",
        m);
  }
}
